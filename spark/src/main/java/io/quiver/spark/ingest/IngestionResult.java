package io.quiver.spark.ingest;

import java.util.List;

/**
 * The outcome of one ingestion job.
 *
 * @param rowsWritten rows written (offline: committed to the data folder; online: acknowledged)
 * @param files files committed to the data folder (offline), else 0
 * @param failed rows refused, with their errors
 */
public record IngestionResult(long rowsWritten, int files, List<FailedRow> failed) {
  /** Copies the failures. */
  public IngestionResult {
    failed = List.copyOf(failed);
  }
}
