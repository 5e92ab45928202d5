package io.quiver.storage.batch;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The values of one column of a {@link ColumnBatch}: a primitive array for numbers, times and
 * booleans, a {@code String[]} for strings (dictionary strings are shared, not copied per row), or
 * for strings read in bulk their UTF-8 bytes in one array ({@link #utf8}), for lists an offsets
 * array into one child vector of the elements, and a null mask. Not thread-safe while being filled;
 * read-only afterwards.
 */
public final class ColumnVector {
  private final ColumnKind kind;
  // BOOLEAN columns allocate on the first set: is_deleted is all false (zero) in most files.
  private static final double[] NO_DOUBLES = {};
  private static final String[] NO_STRINGS = {};
  private static final int[] NO_INTS = {};

  // Arrays a kind does not use are empty rather than null: reads stay plain array loads.
  private long @Nullable [] longs;
  private final double[] doubles;
  private final @Nullable String[] strings;
  private final int[] codes;
  private final @Nullable IdentifierCodes dictionary;
  // LIST only: row r's elements are elements[offsets[r], offsets[r + 1]).
  private final int[] offsets;
  private final @Nullable ColumnVector elements;
  // UTF-8 STRING only: row r's bytes are utf8[utf8Offsets[r], utf8Offsets[r + 1]).
  private final byte @Nullable [] utf8;
  private final int[] utf8Offsets;
  private final BitSet nulls = new BitSet();
  private final int size;

  /**
   * An empty vector of {@code size} values of {@code kind}, each 0 (or null for strings) until set.
   */
  public ColumnVector(ColumnKind kind, int size) {
    this(kind, size, null);
  }

  /**
   * A vector; with {@code dictionary} (strings only), rows hold {@link IdentifierCodes} codes.
   *
   * @throws IllegalArgumentException if {@code kind} is {@link ColumnKind#LIST} (use {@link #list})
   */
  public ColumnVector(ColumnKind kind, int size, @Nullable IdentifierCodes dictionary) {
    if (kind == ColumnKind.LIST) {
      throw new IllegalArgumentException(
          "kind: LIST (expected: a scalar kind; make lists with ColumnVector.list)");
    }
    boolean coded = dictionary != null;
    this.kind = kind;
    this.size = size;
    this.offsets = NO_INTS;
    this.elements = null;
    this.utf8 = null;
    this.utf8Offsets = NO_INTS;
    boolean codedStrings = coded && kind == ColumnKind.STRING;
    this.codes = codedStrings ? new int[size] : NO_INTS;
    this.dictionary = codedStrings ? dictionary : null;
    this.longs =
        kind == ColumnKind.LONG || kind == ColumnKind.TIMESTAMP_MICROS ? new long[size] : null;
    this.doubles = kind == ColumnKind.DOUBLE ? new double[size] : NO_DOUBLES;
    // Coded strings live in the dictionary: one int a row instead of a reference too.
    this.strings = kind == ColumnKind.STRING && !codedStrings ? new String[size] : NO_STRINGS;
  }

  private ColumnVector(int[] offsets, ColumnVector elements) {
    this.kind = ColumnKind.LIST;
    this.size = offsets.length - 1;
    this.offsets = offsets;
    this.elements = elements;
    this.utf8 = null;
    this.utf8Offsets = NO_INTS;
    this.longs = null;
    this.doubles = NO_DOUBLES;
    this.strings = NO_STRINGS;
    this.codes = NO_INTS;
    this.dictionary = null;
  }

  /**
   * An empty LIST vector of {@code size} rows over a child of {@code elementCount} values of {@code
   * elementKind}; every row is an empty list until {@link #setListEnd} gives it elements.
   *
   * @throws IllegalArgumentException if {@code elementKind} is LIST or a size is negative
   */
  public static ColumnVector list(ColumnKind elementKind, int size, int elementCount) {
    if (size < 0 || elementCount < 0) {
      throw new IllegalArgumentException(
          "size: " + size + ", elementCount: " + elementCount + " (expected: >= 0)");
    }
    return new ColumnVector(new int[size + 1], new ColumnVector(elementKind, elementCount));
  }

  /**
   * A LIST vector over filled {@code elements}: row r holds {@code elements[offsets[r], offsets[r +
   * 1])}; the array is taken, not copied.
   *
   * @throws IllegalArgumentException if {@code offsets} is empty, decreasing, or points past the
   *     elements
   */
  public static ColumnVector list(int[] offsets, ColumnVector elements) {
    if (offsets.length == 0 || offsets[0] < 0) {
      throw new IllegalArgumentException(
          "offsets: " + offsets.length + " entries (expected: size + 1, starting at >= 0)");
    }
    for (int i = 1; i < offsets.length; i++) {
      if (offsets[i] < offsets[i - 1]) {
        throw new IllegalArgumentException(
            "offsets[" + i + "]: " + offsets[i] + " (expected: >= " + offsets[i - 1] + ")");
      }
    }
    if (offsets[offsets.length - 1] > elements.size()) {
      throw new IllegalArgumentException(
          "offsets: end "
              + offsets[offsets.length - 1]
              + " (expected: <= "
              + elements.size()
              + " elements)");
    }
    return new ColumnVector(offsets, elements);
  }

  private ColumnVector(byte[] utf8, int[] utf8Offsets, BitSet nulls) {
    this.kind = ColumnKind.STRING;
    this.size = utf8Offsets.length - 1;
    this.utf8 = utf8;
    this.utf8Offsets = utf8Offsets;
    this.nulls.or(nulls);
    this.offsets = NO_INTS;
    this.elements = null;
    this.longs = null;
    this.doubles = NO_DOUBLES;
    this.strings = NO_STRINGS;
    this.codes = NO_INTS;
    this.dictionary = null;
  }

  /**
   * A STRING vector over UTF-8 bytes, as a bulk reader produces it without making a {@code String}
   * per value: row r holds {@code bytes[offsets[r], offsets[r + 1])}, or null where {@code nulls}
   * has its bit set. The arrays are taken, not copied.
   *
   * @throws IllegalArgumentException if {@code offsets} is empty, decreasing, or points past the
   *     bytes
   */
  public static ColumnVector utf8(byte[] bytes, int[] offsets, BitSet nulls) {
    if (offsets.length == 0 || offsets[0] < 0 || offsets[offsets.length - 1] > bytes.length) {
      throw new IllegalArgumentException(
          "offsets: "
              + offsets.length
              + " entries (expected: size + 1, from >= 0 to <= "
              + bytes.length
              + ")");
    }
    for (int i = 1; i < offsets.length; i++) {
      if (offsets[i] < offsets[i - 1]) {
        throw new IllegalArgumentException(
            "offsets[" + i + "]: " + offsets[i] + " (expected: >= " + offsets[i - 1] + ")");
      }
    }
    return new ColumnVector(bytes, offsets, nulls);
  }

  /** Whether the strings are held as UTF-8 bytes ({@link #utf8Bytes()}). */
  public boolean isUtf8() {
    return utf8 != null;
  }

  /**
   * The UTF-8 bytes of every row of a {@link #utf8} vector, row r at {@link #utf8Start} to {@link
   * #utf8End}; not a copy, do not modify.
   *
   * @throws IllegalStateException if the vector does not hold UTF-8 bytes
   */
  public byte[] utf8Bytes() {
    if (utf8 == null) {
      throw new IllegalStateException("Cannot take the UTF-8 bytes of a " + kind + " column");
    }
    return utf8;
  }

  /** Where the bytes of row {@code row} of a {@link #utf8} vector start. */
  public int utf8Start(int row) {
    return utf8Offsets[row];
  }

  /** Where the bytes of row {@code row} of a {@link #utf8} vector end (exclusive). */
  public int utf8End(int row) {
    return utf8Offsets[row + 1];
  }

  /** A column of {@code size} nulls, for a column the file lacks. */
  public static ColumnVector allNull(ColumnKind kind, int size) {
    ColumnVector v =
        kind == ColumnKind.LIST ? list(ColumnKind.DOUBLE, size, 0) : new ColumnVector(kind, size);
    v.nulls.set(0, size);
    return v;
  }

  /**
   * About how many heap bytes the vector holds (arrays, null mask, and each string's characters
   * counted once per row even where rows share one instance, so the figure errs high); codes count
   * four bytes a row, not their dictionary.
   */
  public long estimatedBytes() {
    long bytes = 64 + nulls.size() / 8 + 4L * codes.length + 4L * offsets.length;
    long[] values = longs;
    if (values != null) {
      bytes += 8L * values.length;
    }
    bytes += 8L * doubles.length;
    if (utf8 != null) {
      bytes += utf8.length + 4L * utf8Offsets.length;
    }
    for (@Nullable String value : strings) {
      bytes += 8 + (value == null ? 0 : 48 + value.length());
    }
    ColumnVector children = elements;
    return children == null ? bytes : bytes + children.estimatedBytes();
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
    byte[] bytes = utf8;
    if (bytes != null) {
      return nulls.get(row)
          ? null
          : new String(bytes, utf8Offsets[row], utf8Offsets[row + 1] - utf8Offsets[row], UTF_8);
    }
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

  /**
   * The child vector of a LIST vector's elements.
   *
   * @throws IllegalStateException if the vector is not a LIST
   */
  public ColumnVector elements() {
    if (elements == null) {
      throw new IllegalStateException("Cannot take the elements of a " + kind + " column");
    }
    return elements;
  }

  /** Where the elements of the list at {@code row} start in {@link #elements()}. */
  public int listStart(int row) {
    return offsets[row];
  }

  /** Where the elements of the list at {@code row} end (exclusive) in {@link #elements()}. */
  public int listEnd(int row) {
    return offsets[row + 1];
  }

  /**
   * Ends the list at {@code row} at element {@code end} (exclusive); it starts where the previous
   * row's ends. Rows are filled in order; only while the vector is being filled.
   *
   * @throws IllegalArgumentException if {@code end} is before the list's start or past the elements
   */
  public void setListEnd(int row, int end) {
    if (end < offsets[row] || end > elements().size()) {
      throw new IllegalArgumentException(
          "end: "
              + end
              + " (expected: "
              + offsets[row]
              + " to "
              + elements().size()
              + " for row "
              + row
              + ")");
    }
    offsets[row + 1] = end;
  }

  /**
   * The value at {@code row} boxed in its SQL mapping (Long, Double, String, Boolean, and for a
   * LIST a {@link List} of its boxed elements), or null.
   */
  public @Nullable Object get(int row) {
    if (nulls.get(row)) {
      return null;
    }
    return switch (kind) {
      case LONG, TIMESTAMP_MICROS -> getLong(row);
      case DOUBLE -> doubles[row];
      case STRING -> getString(row);
      case BOOLEAN -> getLong(row) != 0;
      case LIST -> {
        List<@Nullable Object> list = new ArrayList<>(listEnd(row) - listStart(row));
        for (int i = listStart(row), end = listEnd(row); i < end; i++) {
          list.add(elements().get(i));
        }
        yield list;
      }
    };
  }

  /**
   * Sets the value at {@code row} to null; only while the vector is being filled. A null list is
   * empty: its end is its start.
   */
  public void setNull(int row) {
    nulls.set(row);
    if (kind == ColumnKind.LIST) {
      offsets[row + 1] = offsets[row];
    }
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
