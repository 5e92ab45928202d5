package io.quiver.server.metrics;

import io.quiver.storage.QuiverStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gauges read from the store at scrape time. Stateless. */
public final class StoreGauges {
  private static final Logger LOG = LoggerFactory.getLogger(StoreGauges.class);

  private StoreGauges() {}

  /** Registers the store's gauges on {@code metrics}. */
  public static void register(ServerMetrics metrics, QuiverStore store) {
    Path db = store.config().dataDir().resolve("db");
    metrics.registerGauge(
        "quiver_online_store_size_bytes",
        "Bytes on disk of the RocksDB data directory (SST files and WAL).",
        () -> directoryBytes(db));
    metrics.registerGauge(
        "quiver_feature_groups",
        "Feature groups in the catalog.",
        () -> store.listFeatureGroups().size());
    metrics.registerGauge(
        "quiver_offline_staging_backlog_bytes",
        "Bytes of offline-bound records staged and not yet written to Parquet.",
        store::offlineBacklogBytes);
  }

  /**
   * Bytes under {@code dir}, or -1 if it cannot be listed right now (the scrape still succeeds).
   */
  private static long directoryBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(StoreGauges::sizeOrZero).sum();
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("Cannot measure {}", dir, e);
      return -1;
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      // RocksDB deleted the file (compaction) between listing and sizing it.
      return 0;
    }
  }
}
