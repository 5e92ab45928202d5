package io.quiver.storage.batch;

import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * The values of one column of a {@link ColumnBatch}: a primitive array for numbers, times and
 * booleans, a {@code String[]} for strings (dictionary strings are shared, not copied per row), and
 * a null mask. Not thread-safe while being filled; read-only afterwards.
 */
public final class ColumnVector {
  private final ColumnKind kind;
  // BOOLEAN columns allocate on the first set: is_deleted is all false (zero) in most files.
  private static final double[] NO_DOUBLES = {};
  private static final String[] NO_STRINGS = {};
  private static final int[] NO_CODES = {};

  // Arrays a kind does not use are empty rather than null: reads stay plain array loads.
  private long @Nullable [] longs;
  private final double[] doubles;
  private final @Nullable String[] strings;
  private final int[] codes;
  private final @Nullable IdentifierCodes dictionary;
  private final BitSet nulls = new BitSet();
  private final int size;

  /**
   * An empty vector of {@code size} values of {@code kind}, each 0 (or null for strings) until set.
   */
  public ColumnVector(ColumnKind kind, int size) {
    this(kind, size, null);
  }

  /** A vector; with {@code dictionary} (strings only), rows hold {@link IdentifierCodes} codes. */
  public ColumnVector(ColumnKind kind, int size, @Nullable IdentifierCodes dictionary) {
    boolean coded = dictionary != null;
    this.kind = kind;
    this.size = size;
    boolean codedStrings = coded && kind == ColumnKind.STRING;
    this.codes = codedStrings ? new int[size] : NO_CODES;
    this.dictionary = codedStrings ? dictionary : null;
    this.longs =
        kind == ColumnKind.LONG || kind == ColumnKind.TIMESTAMP_MICROS ? new long[size] : null;
    this.doubles = kind == ColumnKind.DOUBLE ? new double[size] : NO_DOUBLES;
    // Coded strings live in the dictionary: one int a row instead of a reference too.
    this.strings = kind == ColumnKind.STRING && !codedStrings ? new String[size] : NO_STRINGS;
  }

  /** A column of {@code size} nulls, for a column the file lacks. */
  public static ColumnVector allNull(ColumnKind kind, int size) {
    ColumnVector v = new ColumnVector(kind, size);
    v.nulls.set(0, size);
    return v;
  }

  /** The number of values. */
  public int size() {
    return size;
  }

  /** The kind of values. */
  public ColumnKind kind() {
    return kind;
  }

  /** Whether every value is a non-null 0 (false): a BOOLEAN column never set and without nulls. */
  public boolean isAllZero() {
    return kind == ColumnKind.BOOLEAN && longs == null && nulls.isEmpty();
  }

  /** Whether the value at {@code row} is null. */
  public boolean isNull(int row) {
    return nulls.get(row);
  }

  /** The long (or micros, or 0/1 boolean) at {@code row}; 0 when null. */
  public long getLong(int row) {
    long[] values = longs;
    return values == null ? 0 : values[row];
  }

  /** The double at {@code row}; 0 when null. */
  public double getDouble(int row) {
    return doubles[row];
  }

  /** The string at {@code row}, or {@code null}. */
  public @Nullable String getString(int row) {
    IdentifierCodes dict = dictionary;
    if (dict != null) {
      int code = codes[row];
      return code < 0 ? null : dict.value(code);
    }
    return strings[row];
  }

  /** Whether the strings carry {@link IdentifierCodes} codes ({@link #code}). */
  public boolean hasCodes() {
    return dictionary != null;
  }

  /**
   * The {@link IdentifierCodes} code of the string at {@code row}; -1 when null.
   *
   * @throws ArrayIndexOutOfBoundsException if the vector has no codes ({@link #hasCodes()})
   */
  public int code(int row) {
    return codes[row];
  }

  /** The value at {@code row} boxed in its SQL mapping (Long, Double, String, Boolean), or null. */
  public @Nullable Object get(int row) {
    if (nulls.get(row)) {
      return null;
    }
    return switch (kind) {
      case LONG, TIMESTAMP_MICROS -> getLong(row);
      case DOUBLE -> doubles[row];
      case STRING -> getString(row);
      case BOOLEAN -> getLong(row) != 0;
    };
  }

  /** Sets the value at {@code row} to null; only while the vector is being filled. */
  public void setNull(int row) {
    nulls.set(row);
    if (dictionary != null) {
      codes[row] = -1;
    }
  }

  /**
   * Sets a LONG, TIMESTAMP_MICROS or BOOLEAN (0 or 1) value; only while the vector is being filled.
   *
   * @throws IllegalStateException if the vector holds doubles or strings
   */
  public void setLong(int row, long value) {
    long[] values = longs;
    if (values == null) {
      if (kind != ColumnKind.BOOLEAN) {
        throw new IllegalStateException("Cannot set a long in a " + kind + " column");
      }
      values = new long[size];
      longs = values;
    }
    values[row] = value;
  }

  /** Sets a DOUBLE value; only while the vector is being filled. */
  public void setDouble(int row, double value) {
    doubles[row] = value;
  }

  /** Sets a STRING value of a vector without codes; only while the vector is being filled. */
  public void setString(int row, String value) {
    strings[row] = value;
  }

  /** Sets the {@link IdentifierCodes} code of a coded STRING vector; only while being filled. */
  public void setCoded(int row, int code) {
    codes[row] = code;
  }
}
