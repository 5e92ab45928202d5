package io.quiver.wrangler.frame;

import io.quiver.storage.batch.ColumnVector;
import java.util.Arrays;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * Appends the values of one column, row by row, and makes them a {@link ColumnVector} of the
 * column's {@link DataType}. Grows as needed, so a step may emit more or fewer rows than it reads.
 * Not thread-safe.
 */
public final class ColumnWriter {
  private final DataType type;
  private long[] longs = new long[0];
  private double[] doubles = new double[0];
  private @Nullable String[] strings = new String[0];
  // Lists: element storage and the end offset of each row.
  private int[] ends = new int[0];
  private double[] elementDoubles = new double[0];
  private @Nullable String[] elementStrings = new String[0];
  private int elementCount;
  private final BitSet nulls = new BitSet();
  private int size;
  // The rows the arrays hold now; ensure() grows them only when size reaches it.
  private int capacity;

  private ColumnWriter(DataType type, int capacity) {
    this.type = type;
    this.capacity = Math.max(capacity, 16);
    resize(this.capacity);
  }

  /** A writer of a {@code type} column expecting about {@code capacity} rows. */
  public static ColumnWriter of(DataType type, int capacity) {
    return new ColumnWriter(type, capacity);
  }

  /** The number of rows appended. */
  public int size() {
    return size;
  }

  private void ensure(int needed) {
    if (needed <= capacity) {
      return;
    }
    int target = grow(capacity, needed);
    capacity = target;
    resize(target);
  }

  private void resize(int capacity) {
    switch (type.kind()) {
      case LONG, BOOLEAN, TIMESTAMP_MICROS -> longs = Arrays.copyOf(longs, capacity);
      case DOUBLE -> doubles = Arrays.copyOf(doubles, capacity);
      case STRING -> strings = Arrays.copyOf(strings, capacity);
      case LIST -> ends = Arrays.copyOf(ends, capacity);
    }
  }

  private static int grow(int current, int needed) {
    // 1.5x plus a little, at least what is needed.
    return Math.max(needed, current + (current >> 1) + 16);
  }

  /** Appends a null. */
  public void appendNull() {
    ensure(size + 1);
    nulls.set(size);
    if (type.collection()) {
      ends[size] = elementCount;
    }
    size++;
  }

  /** Appends the value in slot {@code s} of {@code row}, which holds a value of this type. */
  public void append(Row row, int s) {
    if (row.isNull(s)) {
      appendNull();
      return;
    }
    ensure(size + 1);
    switch (type) {
      case LONG, BOOLEAN, DATE, TIMESTAMP -> longs[size] = row.getLong(s);
      case DOUBLE -> doubles[size] = row.getDouble(s);
      case STRING -> strings[size] = row.getString(s);
      case VECTOR -> appendDoubles(row.getVector(s));
      case STRING_LIST -> appendStrings(row.getStrings(s));
    }
    size++;
  }

  /** Appends row {@code r} of {@code vector}, a vector of this writer's type. */
  public void append(ColumnVector vector, int r) {
    if (vector.isNull(r)) {
      appendNull();
      return;
    }
    ensure(size + 1);
    switch (type) {
      case LONG, BOOLEAN, DATE, TIMESTAMP -> longs[size] = vector.getLong(r);
      case DOUBLE -> doubles[size] = vector.getDouble(r);
      case STRING -> strings[size] = vector.getString(r);
      case VECTOR -> {
        ColumnVector elements = vector.elements();
        int start = vector.listStart(r);
        int end = vector.listEnd(r);
        ensureElements(elementCount + end - start);
        for (int i = start; i < end; i++) {
          elementDoubles[elementCount++] = elements.getDouble(i);
        }
        ends[size] = elementCount;
      }
      case STRING_LIST -> {
        ColumnVector elements = vector.elements();
        int start = vector.listStart(r);
        int end = vector.listEnd(r);
        ensureElements(elementCount + end - start);
        for (int i = start; i < end; i++) {
          elementStrings[elementCount++] = elements.getString(i);
        }
        ends[size] = elementCount;
      }
    }
    size++;
  }

  /** Appends a long, boolean (0/1) or micros value. */
  public void appendLong(long value) {
    ensure(size + 1);
    longs[size++] = value;
  }

  /** Appends a double. */
  public void appendDouble(double value) {
    ensure(size + 1);
    doubles[size++] = value;
  }

  /** Appends a string; {@code null} appends a null. */
  public void appendString(@Nullable String value) {
    if (value == null) {
      appendNull();
      return;
    }
    ensure(size + 1);
    strings[size++] = value;
  }

  private void appendDoubles(double[] values) {
    ensureElements(elementCount + values.length);
    System.arraycopy(values, 0, elementDoubles, elementCount, values.length);
    elementCount += values.length;
    ends[size] = elementCount;
  }

  private void appendStrings(String[] values) {
    ensureElements(elementCount + values.length);
    System.arraycopy(values, 0, elementStrings, elementCount, values.length);
    elementCount += values.length;
    ends[size] = elementCount;
  }

  private void ensureElements(int capacity) {
    if (type == DataType.VECTOR && elementDoubles.length < capacity) {
      elementDoubles = Arrays.copyOf(elementDoubles, grow(elementDoubles.length, capacity));
    } else if (type == DataType.STRING_LIST && elementStrings.length < capacity) {
      elementStrings = Arrays.copyOf(elementStrings, grow(elementStrings.length, capacity));
    }
  }

  /** The vector of the rows appended; the writer must not be used afterwards. */
  public ColumnVector finish() {
    ColumnVector vector;
    if (type.collection()) {
      int[] offsets = new int[size + 1];
      System.arraycopy(ends, 0, offsets, 1, size);
      ColumnVector elements = new ColumnVector(type.elementKind(), elementCount);
      for (int i = 0; i < elementCount; i++) {
        if (type == DataType.VECTOR) {
          elements.setDouble(i, elementDoubles[i]);
        } else if (elementStrings[i] == null) {
          elements.setNull(i);
        } else {
          elements.setString(i, elementStrings[i]);
        }
      }
      vector = ColumnVector.list(offsets, elements);
    } else {
      vector = new ColumnVector(type.kind(), size);
      for (int r = 0; r < size; r++) {
        if (nulls.get(r)) {
          vector.setNull(r);
          continue;
        }
        switch (type.kind()) {
          case LONG, TIMESTAMP_MICROS -> vector.setLong(r, longs[r]);
          case BOOLEAN -> {
            if (longs[r] != 0) {
              vector.setLong(r, 1);
            }
          }
          case DOUBLE -> vector.setDouble(r, doubles[r]);
          case STRING -> vector.setString(r, strings[r]);
          case LIST -> throw new IllegalStateException("lists are built above");
        }
      }
    }
    if (type.collection()) {
      for (int r = nulls.nextSetBit(0); r >= 0; r = nulls.nextSetBit(r + 1)) {
        markNull(vector, r);
      }
    }
    return vector;
  }

  private static void markNull(ColumnVector vector, int r) {
    // A null list's slice is already empty (its end equals its start); only the mask is set here.
    int end = vector.listEnd(r);
    vector.setNull(r);
    if (vector.listEnd(r) != end) {
      throw new IllegalStateException("a null list must be empty");
    }
  }
}
