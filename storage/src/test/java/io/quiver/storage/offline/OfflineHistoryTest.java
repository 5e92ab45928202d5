package io.quiver.storage.offline;

import static io.quiver.storage.offline.OfflineStoreTest.EVENT;
import static io.quiver.storage.offline.OfflineStoreTest.customer;
import static io.quiver.storage.offline.OfflineStoreTest.customers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.objectstore.ReadableObject;
import io.quiver.storage.parquet.ColumnSpec;
import io.quiver.storage.parquet.ParquetColumnReader;
import io.quiver.storage.parquet.ScanStatistics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Snapshots of offline history hold every acknowledged record exactly once, whenever they are taken
 * relative to flushes, from the store itself or from a data directory opened for reading while the
 * store writes to it (issue 21: a reader opened before a flush counted the flushed records twice).
 */
class OfflineHistoryTest {
  @TempDir Path tmp;

  private StoreConfig config(OfflineBackend backend, Duration flushAge) {
    return backend
        .config(tmp.resolve("data"), tmp)
        .offlineFlushAge(flushAge)
        .offlineMaxFileBytes(4096)
        .build();
  }

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void aReaderOpenedBeforeAFlushCountsEachRecordOnce(OfflineBackend backend) {
    StoreConfig config = config(backend, Duration.ofHours(1));
    try (QuiverStore store = QuiverStore.open(config)) {
      store.createFeatureGroup(customers("customers", OfflineStoreConfig.storeDefault()));
      store.putRecord("customers", customer("c1", EVENT, 1));
      try (ReadOnlyStore reader = ReadOnlyStore.open(config)) {
        assertThat(count(reader.snapshot("customers"))).isEqualTo(1);
        store.flush();
        OfflineSnapshot snapshot = reader.snapshot("customers");
        assertThat(snapshot.files()).hasSize(1);
        assertThat(snapshot.stagedRecords()).isEmpty();
        assertThat(count(snapshot)).isEqualTo(1);
        store.putRecord("customers", customer("c2", EVENT + 1, 2));
        assertThat(count(reader.snapshot("customers"))).isEqualTo(2);
        assertThat(count(store.offlineSnapshot("customers"))).isEqualTo(2);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void aFlushThatWroteSomeFilesBeforeFailingCountsEachRecordOnce(OfflineBackend backend) {
    String blocked = backend.blockedBaseUri(tmp);
    StoreConfig config = config(backend, Duration.ofHours(1));
    try (QuiverStore store = QuiverStore.open(config)) {
      store.createFeatureGroup(customers("first", OfflineStoreConfig.storeDefault()));
      store.createFeatureGroup(customers("second", OfflineStoreConfig.at(blocked)));
      for (int i = 0; i < 10; i++) {
        store.putRecord("first", customer("c" + i, EVENT + i * 600, i));
        store.putRecord("second", customer("c" + i, EVENT + i * 600, i));
      }
      // The files of "first" are written, then "second" fails: its manifest stays pending, with
      // the records of "first" both in files and still staged.
      assertThatThrownBy(store::flush).isInstanceOf(RuntimeException.class);
      OfflineSnapshot snapshot = store.offlineSnapshot("first");
      assertThat(snapshot.files()).hasSize(2);
      assertThat(snapshot.stagedRecords()).isEmpty();
      assertThat(count(snapshot)).isEqualTo(10);
      try (ReadOnlyStore reader = ReadOnlyStore.open(config)) {
        assertThat(count(reader.snapshot("first"))).isEqualTo(10);
      }
      backend.unblock(blocked);
      store.flush();
      assertThat(count(store.offlineSnapshot("first"))).isEqualTo(10);
      assertThat(count(store.offlineSnapshot("second"))).isEqualTo(10);
    }
  }

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void snapshotsTakenWhileTheFlusherRunsCountEveryRecordOnce(OfflineBackend backend)
      throws InterruptedException {
    StoreConfig config = config(backend, Duration.ofMillis(20));
    int records = 400;
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    try (QuiverStore store = QuiverStore.open(config);
        ReadOnlyStore reader = ReadOnlyStore.open(config)) {
      store.createFeatureGroup(customers("customers", OfflineStoreConfig.storeDefault()));
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < records; i++) {
                    store.putRecord("customers", customer("c" + i, EVENT + i, i));
                    acknowledged.incrementAndGet();
                  }
                } catch (Throwable e) {
                  writerFailure.set(e);
                }
              });
      writer.start();
      int rounds = 0;
      while (writer.isAlive() || rounds < 3) {
        for (OfflineHistory history : List.of(store.offlineHistory(), reader)) {
          int before = acknowledged.get();
          long seen = count(history.snapshot("customers"));
          int after = acknowledged.get();
          // One writer: a put is visible from its write, a moment before the writer counts it.
          assertThat(seen).as("round %s", rounds).isBetween((long) before, (long) after + 1);
        }
        rounds++;
      }
      writer.join();
      assertThat(writerFailure.get()).isNull();
      store.flush();
      assertThat(count(reader.snapshot("customers"))).isEqualTo(records);
      assertThat(reader.snapshot("customers").files()).hasSizeGreaterThan(1);
    }
  }

  @Test
  void aGroupWithoutAnOfflineStoreOrAnUnknownGroupIsNamed() {
    StoreConfig config = config(OfflineBackend.LOCAL, Duration.ofHours(1));
    try (QuiverStore store = QuiverStore.open(config)) {
      store.createFeatureGroup(
          FeatureGroupSpec.builder("online_only")
              .recordIdentifier("id")
              .eventTime("ts")
              .feature("id", FeatureType.STRING)
              .feature("ts", FeatureType.FRACTIONAL)
              .onlineStore(OnlineStoreConfig.enabled())
              .build());
      try (ReadOnlyStore reader = ReadOnlyStore.open(config)) {
        for (OfflineHistory history : List.of(store.offlineHistory(), reader)) {
          assertThat(history.featureGroups()).extracting(g -> g.name()).contains("online_only");
          assertThatThrownBy(() -> history.snapshot("online_only"))
              .isInstanceOf(ValidationException.class)
              .hasMessageContaining("feature group online_only: it has no offline store");
          assertThatThrownBy(() -> history.snapshot("nope"))
              .isInstanceOf(ResourceNotFoundException.class)
              .hasMessageContaining("nope");
          assertThatThrownBy(() -> history.offlineGroup("online_only", "analyse"))
              .isInstanceOf(ValidationException.class)
              .hasMessage("Cannot analyse feature group 'online_only': it has no offline store");
          assertThatThrownBy(() -> history.offlineGroup("nope", "analyse"))
              .isInstanceOf(ResourceNotFoundException.class)
              .hasMessage(
                  "Cannot analyse feature group 'nope': no such feature group (groups: "
                      + String.join(
                          ", ", history.featureGroups().stream().map(g -> g.name()).toList())
                      + ")");
        }
      }
    }
  }

  @Test
  void aReaderSeesGroupsCreatedAndDeletedAfterItOpened() {
    StoreConfig config = config(OfflineBackend.LOCAL, Duration.ofHours(1));
    try (QuiverStore store = QuiverStore.open(config);
        ReadOnlyStore reader = ReadOnlyStore.open(config)) {
      assertThat(reader.featureGroups()).isEmpty();
      store.createFeatureGroup(customers("first", OfflineStoreConfig.storeDefault()));
      assertThat(reader.featureGroups()).extracting(g -> g.name()).containsExactly("first");
      assertThat(reader.featureGroups()).extracting(g -> g.name()).containsExactly("first");
      store.createFeatureGroup(customers("second", OfflineStoreConfig.storeDefault()));
      assertThat(reader.featureGroups())
          .extracting(g -> g.name())
          .containsExactly("first", "second");
      store.addFeatures("second", List.of(FeatureDefinition.of("added", FeatureType.STRING)));
      assertThat(reader.featureGroups().get(1).features())
          .extracting(f -> f.name())
          .contains("added");
      store.deleteFeatureGroup("first");
      assertThat(reader.featureGroups()).extracting(g -> g.name()).containsExactly("second");
      assertThatThrownBy(() -> reader.snapshot("first"))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void aDirectoryWithoutADatabaseIsRefusedByName() {
    Path empty = tmp.resolve("empty");
    assertThatThrownBy(() -> ReadOnlyStore.open(StoreConfig.builder(empty).build()))
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("holds no Quiver database");
  }

  /** Rows in the snapshot's files plus its staged records. */
  static long count(OfflineSnapshot snapshot) {
    long rows = snapshot.stagedRecords().size();
    for (OfflineFile file : snapshot.files()) {
      try (ReadableObject input = snapshot.open(file)) {
        rows +=
            new ParquetColumnReader(new ScanStatistics())
                .read(input, List.of(new ColumnSpec("id", ColumnKind.STRING)), null, null)
                .rowCount();
      }
    }
    return rows;
  }
}
