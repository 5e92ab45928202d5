package io.quiver.storage.offline;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.objectstore.S3Settings;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Settings of the offline store, derived from the store's configuration.
 *
 * @param flushAge how long a staged record may wait before it is written to a file (the flusher
 *     checks every {@code flushAge / 10}, between 10 ms and 1 s, and flushes early enough to keep
 *     this bound)
 * @param maxFileRows the most rows in one file
 * @param maxFileBytes about the most staged (uncompressed, encoded) bytes in one file; also the
 *     size at which staged records are flushed without waiting for {@code flushAge}
 * @param codec the Parquet compression codec
 * @param s3 how to reach {@code s3://} locations
 * @param clock the source of {@code write_time} and of the age of staged records
 * @param decodedCacheBytes the budget of the cache of decoded files that history reads go through
 *     (0: off)
 */
public record OfflineStoreSettings(
    Duration flushAge,
    int maxFileRows,
    long maxFileBytes,
    ParquetCodec codec,
    S3Settings s3,
    InstantSource clock,
    long decodedCacheBytes) {

  /** Checks the settings. */
  public OfflineStoreSettings {
    requireNonNull(flushAge, "flushAge");
    requireNonNull(codec, "codec");
    requireNonNull(s3, "s3");
    requireNonNull(clock, "clock");
    if (flushAge.isNegative() || flushAge.isZero()) {
      throw new IllegalArgumentException("flushAge: " + flushAge + " (expected: > 0)");
    }
    if (maxFileRows < 1) {
      throw new IllegalArgumentException("maxFileRows: " + maxFileRows + " (expected: >= 1)");
    }
    if (decodedCacheBytes < 0) {
      throw new IllegalArgumentException(
          "decodedCacheBytes: " + decodedCacheBytes + " (expected: >= 0)");
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes: " + maxFileBytes + " (expected: >= 1)");
    }
  }

  /** How often the flusher checks whether a flush is due. */
  Duration checkInterval() {
    long millis = Math.max(10, Math.min(1_000, flushAge.toMillis() / 10));
    return Duration.ofMillis(millis);
  }
}
