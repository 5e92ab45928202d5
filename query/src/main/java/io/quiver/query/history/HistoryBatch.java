package io.quiver.query.history;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Rows of one file (or of the staged rows) with the features a scan asked for, the event time in
 * microseconds and the system columns. The system columns of a file are read on first use: the
 * point-in-time join needs api_invocation_time and write_time only to order rows with equal event
 * times, which most files do not have. Thread-safe.
 */
public final class HistoryBatch {
  private final List<String> features;
  private final ColumnBatch batch;
  private final long[] eventMicros;
  private final Supplier<ColumnBatch> systemLoader;
  private final @Nullable ColumnVector eagerDeleted;
  private volatile @Nullable ColumnBatch system;

  /**
   * A batch.
   *
   * @param features the feature names, in the order of the columns of {@code batch}
   * @param batch the features
   * @param eventMicros per row the event time ({@link Long#MIN_VALUE} if missing or unreadable)
   * @param system reads write_time, api_invocation_time and is_deleted, in that order
   * @param deleted the is_deleted vector if already read, else null
   */
  public HistoryBatch(
      List<String> features,
      ColumnBatch batch,
      long[] eventMicros,
      Supplier<ColumnBatch> system,
      @Nullable ColumnVector deleted) {
    this.eagerDeleted = deleted;
    this.features = List.copyOf(features);
    this.batch = batch;
    this.eventMicros = eventMicros;
    this.systemLoader = system;
  }

  /** The feature names read. */
  public List<String> features() {
    return features;
  }

  /** Per row, the event time in microseconds since the epoch. */
  public long[] eventMicros() {
    return eventMicros;
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
    return system().column(0);
  }

  /** The api_invocation_time vector (micros). */
  public ColumnVector apiInvocationTime() {
    return system().column(1);
  }

  /** The is_deleted vector. */
  public ColumnVector deleted() {
    return eagerDeleted != null ? eagerDeleted : system().column(2);
  }

  private ColumnBatch system() {
    ColumnBatch s = system;
    if (s == null) {
      synchronized (this) {
        s = system;
        if (s == null) {
          s = systemLoader.get();
          system = s;
        }
      }
    }
    return s;
  }
}
