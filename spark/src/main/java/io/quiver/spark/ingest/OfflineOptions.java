package io.quiver.spark.ingest;

import io.quiver.storage.offline.ParquetCodec;
import java.io.Serializable;

/**
 * How offline ingestion writes files.
 *
 * @param codec the Parquet codec
 * @param fileRows the most rows of one file (the offline store's own limit is 1,000,000)
 * @param bufferedRows the most rows a task holds before it writes its largest partition's file
 * @param presort whether to sort each Spark partition by event time first, so that a task fills one
 *     partition folder at a time and writes few, large files (correctness never depends on it)
 */
public record OfflineOptions(ParquetCodec codec, int fileRows, int bufferedRows, boolean presort)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** SNAPPY, 1,000,000 rows a file, 1,000,000 buffered, presorted. */
  public static OfflineOptions defaults() {
    return new OfflineOptions(ParquetCodec.SNAPPY, 1_000_000, 1_000_000, true);
  }

  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException if a bound is below 1
   */
  public OfflineOptions {
    if (fileRows < 1 || bufferedRows < 1) {
      throw new IllegalArgumentException(
          "fileRows, bufferedRows: " + fileRows + ", " + bufferedRows + " (expected: at least 1)");
    }
  }
}
