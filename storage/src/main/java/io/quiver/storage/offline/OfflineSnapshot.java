package io.quiver.storage.offline;

import io.quiver.storage.record.StoredRecord;
import java.util.List;

/**
 * A consistent view of one feature group's history: its Parquet files and the records still staged
 * for it, taken together so that no record is in both or in neither (every acknowledged record is
 * in exactly one of the two). Staged records have no {@code write_time} yet; they are in staging
 * order, which is not event-time order.
 *
 * @param files the group's files, sorted by key
 * @param stagedRecords the records not yet flushed, materialized (bounded by the flush thresholds
 *     while the flusher keeps up)
 */
public record OfflineSnapshot(List<OfflineFile> files, List<StoredRecord> stagedRecords) {
  /** Copies the lists. */
  public OfflineSnapshot {
    files = List.copyOf(files);
    stagedRecords = List.copyOf(stagedRecords);
  }
}
