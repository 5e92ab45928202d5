package io.quiver.wrangler.frame;

import io.quiver.storage.batch.ColumnVector;

/**
 * Loads chosen columns of a {@link Frame} into the slots of a {@link Row}, one row index at a time.
 * Immutable and thread-safe; the rows it fills are not.
 */
public final class RowLoader {
  private final ColumnVector[] vectors;
  private final DataType[] types;
  private final int[] slots;

  /**
   * A loader of columns {@code columns} of {@code frame} into slots {@code slots} (same order).
   *
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public RowLoader(Frame frame, int[] columns, int[] slots) {
    if (columns.length != slots.length) {
      throw new IllegalArgumentException(
          "slots: " + slots.length + " (expected: one per column, " + columns.length + ")");
    }
    this.vectors = new ColumnVector[columns.length];
    this.types = new DataType[columns.length];
    for (int i = 0; i < columns.length; i++) {
      vectors[i] = frame.vector(columns[i]);
      types[i] = frame.schema().column(columns[i]).type();
    }
    this.slots = slots.clone();
  }

  /** Loads row {@code r} into {@code row}. */
  public void load(int r, Row row) {
    for (int i = 0; i < vectors.length; i++) {
      load(vectors[i], types[i], r, row, slots[i]);
    }
  }

  /** Loads row {@code r} of {@code vector}, of type {@code type}, into slot {@code s}. */
  public static void load(ColumnVector vector, DataType type, int r, Row row, int s) {
    if (vector.isNull(r)) {
      row.setNull(s);
      return;
    }
    switch (type) {
      case LONG, BOOLEAN, DATE, TIMESTAMP -> row.setLong(s, vector.getLong(r));
      case DOUBLE -> row.setDouble(s, vector.getDouble(r));
      case STRING -> row.setObject(s, vector.getString(r));
      case VECTOR -> {
        ColumnVector elements = vector.elements();
        int start = vector.listStart(r);
        double[] values = new double[vector.listEnd(r) - start];
        for (int i = 0; i < values.length; i++) {
          values[i] = elements.getDouble(start + i);
        }
        row.setObject(s, values);
      }
      case STRING_LIST -> {
        ColumnVector elements = vector.elements();
        int start = vector.listStart(r);
        String[] values = new String[vector.listEnd(r) - start];
        for (int i = 0; i < values.length; i++) {
          values[i] = elements.getString(start + i);
        }
        row.setObject(s, values);
      }
    }
  }
}
