package io.quiver.storage.offline;

import static io.quiver.storage.offline.OfflineStoreTest.EVENT;
import static io.quiver.storage.offline.OfflineStoreTest.customer;
import static io.quiver.storage.offline.OfflineStoreTest.customers;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.MutableClock;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.OfflineStoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** When the background flusher writes, how it cuts files, and every allowed codec. */
class OfflineFlushPolicyTest {
  @TempDir Path tmp;
  final MutableClock clock = MutableClock.at(Instant.parse("2024-03-05T10:00:00Z"));

  @Test
  void recordsReachAFileOnceTheFlushAgeHasPassed() {
    try (QuiverStore store =
        QuiverStore.open(
            OfflineBackend.LOCAL
                .config(tmp.resolve("data"), tmp)
                .clock(clock)
                .offlineFlushAge(Duration.ofSeconds(60))
                .build())) {
      store.createFeatureGroup(customers("aged", OfflineStoreConfig.storeDefault()));
      store.putRecord("aged", customer("c1", EVENT, 1));
      clock.advance(Duration.ofSeconds(61));
      awaitTrue(() -> !store.listOfflineFiles("aged").isEmpty());
      assertThat(store.offlineSnapshot("aged").stagedRecords()).isEmpty();
    }
  }

  @Test
  void recordsReachAFileOnceEnoughAreStagedWithoutWaitingForTheAge() {
    try (QuiverStore store =
        QuiverStore.open(
            OfflineBackend.LOCAL
                .config(tmp.resolve("data"), tmp)
                .clock(clock)
                .offlineFlushAge(Duration.ofHours(1))
                .offlineMaxFileBytes(20_000)
                .build())) {
      store.createFeatureGroup(customers("sized", OfflineStoreConfig.storeDefault()));
      for (int i = 0; i < 200; i++) {
        store.putRecord("sized", customer("c" + i, EVENT, i));
      }
      awaitTrue(() -> !store.listOfflineFiles("sized").isEmpty());
    }
  }

  @Test
  void filesHoldAtMostMaxFileRows() {
    try (QuiverStore store =
        QuiverStore.open(
            OfflineBackend.LOCAL
                .config(tmp.resolve("data"), tmp)
                .clock(clock)
                .offlineFlushAge(Duration.ofHours(1))
                .offlineMaxFileRows(100)
                .build())) {
      store.createFeatureGroup(customers("split", OfflineStoreConfig.storeDefault()));
      for (int i = 0; i < 250; i++) {
        store.putRecord("split", customer("c" + i, EVENT + i, i));
      }
      store.flush();
      assertThat(store.listOfflineFiles("split")).hasSize(3);
      String table = DuckDb.table(OfflineBackend.LOCAL.dataFolder(store, "split", tmp));
      assertThat(
              DuckDb.query(
                  "SELECT count(*), count(DISTINCT id), min(orders), max(orders) FROM " + table))
          .containsExactly(List.of(250L, 250L, 0L, 249L));
      // Rows in a file are in event-time order: each file holds a contiguous run.
      assertThat(
              DuckDb.query(
                  "SELECT count(*) FROM (SELECT filename, min(orders) lo, max(orders) hi, count(*) n FROM read_parquet('"
                      + OfflineBackend.LOCAL.dataFolder(store, "split", tmp)
                      + "/**/*.parquet', filename = true) GROUP BY filename) WHERE hi - lo + 1 <> n"))
          .containsExactly(List.of(0L));
    }
  }

  @ParameterizedTest
  @EnumSource(ParquetCodec.class)
  void everyAllowedCodecWritesFilesThatReadBack(ParquetCodec codec) {
    try (QuiverStore store =
        QuiverStore.open(
            OfflineBackend.LOCAL
                .config(tmp.resolve("data"), tmp)
                .clock(clock)
                .offlineCodec(codec)
                .build())) {
      store.createFeatureGroup(customers("codec", OfflineStoreConfig.storeDefault()));
      for (int i = 0; i < 50; i++) {
        store.putRecord("codec", customer("c" + i, EVENT, i));
      }
      store.flush();
      Path folder = OfflineBackend.LOCAL.dataFolder(store, "codec", tmp);
      assertThat(
              DuckDb.query(
                  "SELECT DISTINCT compression FROM parquet_metadata('"
                      + folder
                      + "/**/*.parquet')"))
          .containsExactly(List.of(codec.name()));
      assertThat(
              DuckDb.query(
                  "SELECT count(*), sum(orders), sum(len(tags)) FROM " + DuckDb.table(folder)))
          .containsExactly(
              List.of(50L, java.math.BigInteger.valueOf(1225), java.math.BigInteger.valueOf(100)));
    }
  }

  /** Waits for the background flusher (a condition poll, no timing assertion). */
  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
      Thread.onSpinWait();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
