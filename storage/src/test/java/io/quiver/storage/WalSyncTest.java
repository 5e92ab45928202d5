package io.quiver.storage;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background sync of the write-ahead log ({@link StoreConfig#walSyncInterval()}). */
class WalSyncTest {
  @TempDir Path dir;

  @Test
  void isOffUnlessAskedAndRefusesANegativeInterval() {
    assertThat(StoreConfig.builder(dir).build().walSyncInterval()).isZero();
    assertThatThrownBy(
            () -> StoreConfig.builder(dir).walSyncInterval(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("walSyncInterval: PT-1S (expected: >= 0)");
  }

  /**
   * Syncs every millisecond while writers put and the store closes and opens again: the syncs
   * neither lose nor hold back a write, and a sync due as the store closes does not touch the
   * closed database.
   */
  @Test
  void writesGoOnWhileTheLogIsSyncedAndSurviveReopening() throws Exception {
    StoreConfig config = StoreConfig.builder(dir).walSyncInterval(Duration.ofMillis(1)).build();
    for (int round = 0; round < 3; round++) {
      try (QuiverStore store = QuiverStore.open(config)) {
        if (round == 0) {
          store.createFeatureGroup(TestGroups.customers());
        }
        int base = round * 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          List<Future<?>> writers = new ArrayList<>();
          for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(
                pool.submit(
                    () -> {
                      for (int i = writer; i < 1_000; i += 4) {
                        store.putRecord(
                            CUSTOMERS,
                            customer("c-" + (base + i), Integer.toString(i + 1)).build());
                      }
                    }));
          }
          for (Future<?> writer : writers) {
            writer.get();
          }
        } finally {
          pool.shutdownNow();
        }
      }
    }
    try (QuiverStore store = QuiverStore.open(config)) {
      for (int i = 0; i < 3_000; i++) {
        assertThat(store.getRecord(CUSTOMERS, "c-" + i)).as("c-" + i).isPresent();
      }
    }
  }
}
