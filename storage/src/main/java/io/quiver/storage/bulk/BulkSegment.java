package io.quiver.storage.bulk;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * The checked rows of one added batch: the input text (for the online records), the same rows as
 * typed columns in feature order (for the offline files), and per accepted row its event time and
 * online key. Immutable once built; shared read-only by the commit's threads.
 */
final class BulkSegment {
  final long ordinal;
  final ColumnBatch text;
  final ColumnBatch typed;

  /** Per feature position, the column of {@link #text} holding it, or -1. */
  final int[] featureColumn;

  final BitSet accepted;
  final long[] eventMicros;
  final byte[][] keys;
  final int acceptedCount;

  /** UTF-8 bytes of the accepted rows' values: sizes files, not exact. */
  final long acceptedBytes;

  BulkSegment(
      long ordinal,
      ColumnBatch text,
      ColumnBatch typed,
      int[] featureColumn,
      BitSet accepted,
      long[] eventMicros,
      byte[][] keys,
      long acceptedBytes) {
    this.ordinal = ordinal;
    this.text = text;
    this.typed = typed;
    this.featureColumn = featureColumn;
    this.accepted = accepted;
    this.eventMicros = eventMicros;
    this.keys = keys;
    this.acceptedCount = accepted.cardinality();
    this.acceptedBytes = acceptedBytes;
  }

  int rowCount() {
    return text.rowCount();
  }

  /** The text vector of feature {@code position}, or {@code null} if the input lacks it. */
  @Nullable ColumnVector textOf(int position) {
    int column = featureColumn[position];
    return column < 0 ? null : text.column(column);
  }
}
