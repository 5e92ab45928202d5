package io.quiver.wrangler.frame;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One row's values in numbered slots, as the compiled steps of a flow read and write them: the same
 * instance type carries a row of a batch and a single record written to a feature group, so both
 * paths run the same step code on the same representation.
 *
 * <p>Slot values by {@link DataType}: LONG, BOOLEAN (0 or 1), DATE and TIMESTAMP (microseconds) in
 * the long slot; DOUBLE in the double slot; STRING as a {@link String}, VECTOR as a {@code
 * double[]} and STRING_LIST as a {@code String[]} in the object slot. Arrays put in a slot are not
 * copied and must not change afterwards. Not thread-safe: one thread uses a row.
 */
public final class Row {
  private final long[] longs;
  private final double[] doubles;
  private final @Nullable Object[] objects;
  private final boolean[] nulls;

  /** A row of {@code slots} slots, every one null. */
  public Row(int slots) {
    this.longs = new long[slots];
    this.doubles = new double[slots];
    this.objects = new Object[slots];
    this.nulls = new boolean[slots];
    Arrays.fill(nulls, true);
  }

  /** The number of slots. */
  public int slots() {
    return nulls.length;
  }

  /** Whether slot {@code s} is null. */
  public boolean isNull(int s) {
    return nulls[s];
  }

  /** Sets slot {@code s} to null. */
  public void setNull(int s) {
    nulls[s] = true;
    objects[s] = null;
  }

  /** The long (or boolean 0/1, or micros) in slot {@code s}. */
  public long getLong(int s) {
    return longs[s];
  }

  /** The double in slot {@code s}. */
  public double getDouble(int s) {
    return doubles[s];
  }

  /** The boolean in slot {@code s}. */
  public boolean getBoolean(int s) {
    return longs[s] != 0;
  }

  /** The string in slot {@code s}; only when it is not null. */
  public String getString(int s) {
    return (String) objects[s];
  }

  /** The vector in slot {@code s}; only when it is not null. */
  public double[] getVector(int s) {
    return (double[]) objects[s];
  }

  /** The string list in slot {@code s}; only when it is not null. */
  public String[] getStrings(int s) {
    return (String[]) objects[s];
  }

  /** The object (string or array) in slot {@code s}, or null. */
  public @Nullable Object getObject(int s) {
    return nulls[s] ? null : objects[s];
  }

  /** Sets a long (LONG, DATE, TIMESTAMP) value. */
  public void setLong(int s, long value) {
    longs[s] = value;
    nulls[s] = false;
  }

  /** Sets a boolean value. */
  public void setBoolean(int s, boolean value) {
    longs[s] = value ? 1 : 0;
    nulls[s] = false;
  }

  /** Sets a double value. */
  public void setDouble(int s, double value) {
    doubles[s] = value;
    nulls[s] = false;
  }

  /** Sets a string, a vector or a string list; {@code null} sets null. */
  public void setObject(int s, @Nullable Object value) {
    objects[s] = value;
    nulls[s] = value == null;
  }

  /** Copies slot {@code from} to slot {@code to}, whatever it holds. */
  public void copy(int from, int to) {
    longs[to] = longs[from];
    doubles[to] = doubles[from];
    objects[to] = objects[from];
    nulls[to] = nulls[from];
  }
}
