package io.quiver.query.history;

import io.quiver.query.parquet.ColumnBatch;
import io.quiver.query.parquet.ColumnVector;
import java.util.List;

/**
 * Rows of one file (or of the staged rows) with the features a scan asked for, the system columns
 * and the event time in microseconds. Read-only.
 *
 * @param features the feature names, in the order of the first columns of {@code batch}
 * @param batch the features, then write_time, api_invocation_time, is_deleted
 * @param eventMicros per row the event time in microseconds since the epoch ({@link Long#MIN_VALUE}
 *     if missing or unreadable)
 */
public record HistoryBatch(List<String> features, ColumnBatch batch, long[] eventMicros) {
  /** Copies the feature names. */
  public HistoryBatch {
    features = List.copyOf(features);
  }

  /** The number of rows. */
  public int rowCount() {
    return batch.rowCount();
  }

  /** The vector of feature {@code name}. */
  public ColumnVector feature(String name) {
    int i = features.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("name: " + name + " (expected: one of " + features + ")");
    }
    return batch.column(i);
  }

  /** The vector of the {@code i}-th requested feature. */
  public ColumnVector feature(int i) {
    return batch.column(i);
  }

  /** The write_time vector (micros). */
  public ColumnVector writeTime() {
    return batch.column(features.size());
  }

  /** The api_invocation_time vector (micros). */
  public ColumnVector apiInvocationTime() {
    return batch.column(features.size() + 1);
  }

  /** The is_deleted vector. */
  public ColumnVector deleted() {
    return batch.column(features.size() + 2);
  }
}
