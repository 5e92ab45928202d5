package io.quiver.storage;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.record.Record;

/**
 * One PutRecord of a {@link QuiverStore#tryPutEach group commit}: the record, its group's name or
 * ARN and its options.
 *
 * @param featureGroup the feature group's name or ARN
 * @param record the record as the client sent it (before the group's ingest transform, if any)
 * @param options the stores to write and the time to live
 */
public record RecordPut(String featureGroup, Record record, RecordWriteOptions options) {
  /** Checks that the parts are present. */
  public RecordPut {
    requireNonNull(featureGroup, "featureGroup");
    requireNonNull(record, "record");
    requireNonNull(options, "options");
  }
}
