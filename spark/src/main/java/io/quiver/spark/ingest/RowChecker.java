package io.quiver.spark.ingest;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.RecordRules;
import io.quiver.storage.record.ValidRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.jspecify.annotations.Nullable;

/**
 * Checks one task's rows with PutRecord's rules ({@link RecordRules}): a row that fails is added to
 * the task's failed rows with PutRecord's message and never written. The columns' positions are
 * taken from the first row's schema. Not thread-safe: one per task.
 */
final class RowChecker {
  private final FeatureGroup group;
  private final String[] names;
  private final List<FailedRow> failed;
  private int @Nullable [] positions;

  RowChecker(FeatureGroup group, String[] names, List<FailedRow> failed) {
    this.group = group;
    this.names = names;
    this.failed = failed;
  }

  /**
   * {@code row} as a checked record, or {@code null} (and a failed row) if PutRecord refuses it.
   */
  @Nullable ValidRecord check(Row row) {
    int[] at = positions;
    if (at == null) {
      at = RowRecords.positions(row.schema(), names);
      positions = at;
    }
    try {
      return RecordRules.check(group, RowRecords.toRecord(row, at, names));
    } catch (QuiverException e) {
      failed.add(new FailedRow(row, RowRecords.message(e.getMessage())));
      return null;
    }
  }

  /** The values of {@code valid} as a record to send, in definition order. */
  static Record toSend(ValidRecord valid) {
    List<FeatureValue> values = new ArrayList<>();
    for (FeatureValue value : valid.valuesByPosition()) {
      if (value != null) {
        values.add(value);
      }
    }
    return new Record(values);
  }
}
