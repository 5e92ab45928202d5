package io.quiver.storage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.OfflineSnapshot;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A group's ingest transform on the write path, with a compiler that stands in for flows. */
class IngestTransformTest {
  @TempDir Path dir;

  /** Upper-cases {@code name} into {@code name_upper} and doubles {@code amount}; refuses "bad". */
  private static final class UpperCompiler implements IngestTransformCompiler {
    final AtomicInteger compilations = new AtomicInteger();

    @Override
    public IngestTransform compile(FeatureGroupSpec spec) {
      compilations.incrementAndGet();
      if (spec.ingestTransform().definition().equals("broken")) {
        throw new ValidationException(
            "Cannot attach flow broken: step 'sort' cannot run per record");
      }
      return raw -> {
        String name = raw.getString("name");
        if (name.equals("bad")) {
          throw new ValidationException("Cannot transform the record: step 'filter' drops it");
        }
        return Record.builder()
            .set("id", raw.getString("id"))
            .set("ts", raw.getString("ts"))
            .set("name_upper", name.toUpperCase(Locale.ROOT))
            .set("amount", raw.getDouble("amount") * 2)
            .build();
      };
    }
  }

  private static FeatureGroupSpec spec(String definition) {
    return FeatureGroupSpec.builder("derived")
        .recordIdentifier("id")
        .eventTime("ts")
        .feature("id", FeatureType.STRING)
        .feature("ts", FeatureType.FRACTIONAL)
        .feature("name_upper", FeatureType.STRING)
        .feature("amount", FeatureType.FRACTIONAL)
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(OfflineStoreConfig.storeDefault())
        .ingestTransform(new IngestTransformConfig("upper.flow.json", definition))
        .build();
  }

  private static Record raw(String id, String name, double amount) {
    return Record.builder()
        .set("id", id)
        .set("ts", "1700000000")
        .set("name", name)
        .set("amount", amount)
        .build();
  }

  private StoreConfig config() {
    return StoreConfig.builder(dir).ttlSweepInterval(Duration.ZERO).build();
  }

  @Test
  void putRecordStoresTheTransformedRecordOnlineAndOffline() {
    UpperCompiler compiler = new UpperCompiler();
    try (QuiverStore store = QuiverStore.open(config(), compiler)) {
      store.createFeatureGroup(spec("upper"));
      store.putRecord("derived", raw("a", "ann", 1.5));

      Record online = store.getRecord("derived", "a").orElseThrow().record();
      assertThat(online.getString("name_upper")).isEqualTo("ANN");
      assertThat(online.getDouble("amount")).isEqualTo(3.0);
      assertThat(online.value("name")).isEmpty();
      OfflineSnapshot offline = store.offlineSnapshot("derived");
      assertThat(offline.stagedRecords()).hasSize(1);
      assertThat(compiler.compilations).hasValue(1);
    }
  }

  @Test
  void aRefusedRecordWritesNothingAndBatchesStopAtIt() {
    try (QuiverStore store = QuiverStore.open(config(), new UpperCompiler())) {
      store.createFeatureGroup(spec("upper"));
      assertThatThrownBy(() -> store.putRecord("derived", raw("a", "bad", 1)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("step 'filter'");
      assertThat(store.getRecord("derived", "a")).isEmpty();

      assertThatThrownBy(
              () ->
                  store.putRecords(
                      "derived",
                      List.of(raw("b", "bob", 1), raw("c", "bad", 1), raw("d", "dan", 1)),
                      RecordWriteOptions.defaults()))
          .hasMessageContaining("step 'filter'");
      assertThat(store.getRecord("derived", "b")).isPresent();
      assertThat(store.getRecord("derived", "c")).isEmpty();
      assertThat(store.getRecord("derived", "d")).isEmpty();
    }
  }

  @Test
  void aTransformThatCannotRunIsRefusedAtCreation() {
    try (QuiverStore store = QuiverStore.open(config(), new UpperCompiler())) {
      assertThatThrownBy(() -> store.createFeatureGroup(spec("broken")))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cannot run per record");
      assertThat(store.listFeatureGroups()).isEmpty();
    }
  }

  @Test
  void theSettingSurvivesReopeningAndIsCompiledOnFirstWrite() {
    try (QuiverStore store = QuiverStore.open(config(), new UpperCompiler())) {
      store.createFeatureGroup(spec("upper"));
    }
    UpperCompiler compiler = new UpperCompiler();
    try (QuiverStore store = QuiverStore.open(config(), compiler)) {
      IngestTransformConfig kept = store.describeFeatureGroup("derived").spec().ingestTransform();
      assertThat(kept).isEqualTo(new IngestTransformConfig("upper.flow.json", "upper"));
      assertThat(compiler.compilations).hasValue(0);
      store.putRecord("derived", raw("a", "zed", 2));
      store.putRecord("derived", raw("b", "yan", 2));
      assertThat(compiler.compilations).hasValue(1);
      assertThat(store.getRecord("derived", "b").orElseThrow().record().getString("name_upper"))
          .isEqualTo("YAN");
    }
  }

  @Test
  void withoutACompilerTheGroupCannotBeCreatedOrWritten() {
    try (QuiverStore store = QuiverStore.open(config(), new UpperCompiler())) {
      store.createFeatureGroup(spec("upper"));
    }
    // The storage module's own class path has no compiler service.
    try (QuiverStore store = QuiverStore.open(config())) {
      assertThatThrownBy(() -> store.putRecord("derived", raw("a", "ann", 1)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("no ingest transform compiler is on the class path");
      FeatureGroupSpec other =
          new FeatureGroupSpec(
              "other",
              "id",
              "ts",
              spec("x").featureDefinitions(),
              OnlineStoreConfig.enabled(),
              null,
              null,
              null,
              null,
              List.of(),
              new IngestTransformConfig("x", "upper"));
      assertThatThrownBy(() -> store.createFeatureGroup(other))
          .hasMessageContaining("no ingest transform compiler");
    }
  }

  @Test
  void anOversizedDefinitionIsRefused() {
    try (QuiverStore store = QuiverStore.open(config(), new UpperCompiler())) {
      assertThatThrownBy(() -> store.createFeatureGroup(spec("x".repeat((1 << 20) + 1))))
          .hasMessageContaining("IngestTransform.Definition is 1048577 characters long");
    }
  }
}
