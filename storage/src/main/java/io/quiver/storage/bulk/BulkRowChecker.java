package io.quiver.storage.bulk;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.record.EventTimeFormat;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.RecordRules;
import io.quiver.storage.record.ValidRecord;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * Design: the fast path decides on the bytes, with the same rules as RecordRules: every present
 * value a known scalar feature given once, the identifier and event time present and valid, each
 * value of its feature's type, the size limits. Whatever the fast path doubts (any broken rule, or
 * a column it cannot map) goes to the slow path, which builds the Record PutRecord would get and
 * asks RecordRules itself: so a refused row carries PutRecord's exact error, and a row the slow
 * path accepts is accepted with the values RecordRules derived.
 */

/**
 * Checks the rows of text batches against one feature group and turns the valid ones into a {@link
 * BulkSegment}. One instance per column list; not thread-safe (it keeps the last parsed number), so
 * each adding thread uses its own.
 */
final class BulkRowChecker {
  private final FeatureGroup group;
  private final List<String> columns;
  private final int[] featureColumn;
  private final int[] columnPosition;
  private final FeatureType[] columnType;
  private final int[] nameBytes;
  private final int identifierColumn;
  private final int eventTimeColumn;
  private final EventTimeFormat eventTimeFormat;
  private final byte[] keyPrefix;
  private long parsedLong;
  private double parsedDouble;

  BulkRowChecker(FeatureGroup group, List<String> columns) {
    this.group = group;
    this.columns = List.copyOf(columns);
    List<FeatureDefinition> features = group.features();
    featureColumn = new int[features.size()];
    Arrays.fill(featureColumn, -1);
    columnPosition = new int[columns.size()];
    columnType = new FeatureType[columns.size()];
    nameBytes = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      int position = group.position(columns.get(c));
      boolean mapped =
          position >= 0 && featureColumn[position] < 0 && !features.get(position).isCollection();
      columnPosition[c] = mapped ? position : -1;
      if (mapped) {
        featureColumn[position] = c;
        columnType[c] = features.get(position).type();
      }
      nameBytes[c] = columns.get(c).getBytes(UTF_8).length;
    }
    identifierColumn = featureColumn[group.recordIdentifierPosition()];
    eventTimeColumn = featureColumn[group.eventTimePosition()];
    eventTimeFormat = EventTimeFormat.of(group.eventTime().type());
    keyPrefix = OnlineStore.key(group.id(), "");
  }

  List<String> columns() {
    return columns;
  }

  /**
   * Checks every row of {@code input}; adds the refused ones to {@code rejected} and returns the
   * segment of the accepted ones.
   */
  BulkSegment check(long ordinal, ColumnBatch input, List<RejectedRow> rejected) {
    if (input.columns().size() != columns.size()) {
      throw new IllegalArgumentException(
          "batch: "
              + input.columns().size()
              + " columns (expected: one per column name, "
              + columns.size()
              + ")");
    }
    ColumnBatch text = asUtf8(input);
    int rows = text.rowCount();
    List<FeatureDefinition> features = group.features();
    ColumnVector[] typed = new ColumnVector[features.size()];
    for (int p = 0; p < typed.length; p++) {
      typed[p] = typedVector(features.get(p), featureColumn[p] < 0 ? null : text, p, rows);
    }
    BitSet accepted = new BitSet(rows);
    long[] eventMicros = new long[rows];
    byte[][] keys = new byte[rows][];
    long acceptedBytes = 0;
    for (int r = 0; r < rows; r++) {
      long bytes = fastCheck(text, typed, r, eventMicros, keys);
      if (bytes < 0) {
        bytes = slowCheck(text, typed, r, eventMicros, keys, rejected);
      }
      if (bytes >= 0) {
        accepted.set(r);
        acceptedBytes += bytes;
      }
    }
    return new BulkSegment(
        ordinal,
        text,
        new ColumnBatch(rows, List.of(typed)),
        featureColumn,
        accepted,
        eventMicros,
        keys,
        acceptedBytes);
  }

  /** The offline column of feature {@code position}: parsed numbers, or the text of strings. */
  private ColumnVector typedVector(
      FeatureDefinition feature, @Nullable ColumnBatch text, int position, int rows) {
    if (text == null) {
      return ColumnVector.allNull(kindOf(feature), rows);
    }
    ColumnVector source = text.column(featureColumn[position]);
    return switch (feature.type()) {
      case STRING -> source;
      case INTEGRAL -> new ColumnVector(ColumnKind.LONG, rows);
      case FRACTIONAL -> new ColumnVector(ColumnKind.DOUBLE, rows);
    };
  }

  private static ColumnKind kindOf(FeatureDefinition feature) {
    if (feature.isCollection()) {
      return ColumnKind.LIST;
    }
    return switch (feature.type()) {
      case STRING -> ColumnKind.STRING;
      case INTEGRAL -> ColumnKind.LONG;
      case FRACTIONAL -> ColumnKind.DOUBLE;
    };
  }

  /**
   * Checks row {@code r} on its bytes, filling its typed values, event time and key; returns its
   * value bytes, or -1 when the row needs the slow path. Typed vectors are not cleaned up after a
   * -1: the slow path overwrites or nulls what it needs.
   */
  private long fastCheck(
      ColumnBatch text, ColumnVector[] typed, int r, long[] eventMicros, byte[][] keys) {
    int count = 0;
    long recordBytes = 0;
    for (int c = 0; c < columnPosition.length; c++) {
      ColumnVector column = text.column(c);
      if (column.isNull(r)) {
        int position = columnPosition[c];
        if (position >= 0 && columnType[c] != FeatureType.STRING) {
          typed[position].setNull(r);
        }
        continue;
      }
      int position = columnPosition[c];
      if (position < 0) {
        return -1;
      }
      byte[] bytes = column.utf8Bytes();
      int start = column.utf8Start(r);
      int end = column.utf8End(r);
      if (end - start > RecordRules.MAX_VALUE_BYTES) {
        return -1;
      }
      count++;
      recordBytes += nameBytes[c] + (end - start);
      switch (columnType[c]) {
        case INTEGRAL -> {
          if (!parseIntegral(bytes, start, end)) {
            return -1;
          }
          typed[position].setLong(r, parsedLong);
        }
        case FRACTIONAL -> {
          if (!parseFractional(bytes, start, end)) {
            return -1;
          }
          typed[position].setDouble(r, parsedDouble);
        }
        case STRING -> {
          // Any UTF-8 text is a String value.
        }
      }
    }
    if (count == 0 || recordBytes > RecordRules.MAX_RECORD_BYTES) {
      return -1;
    }
    if (identifierColumn < 0 || eventTimeColumn < 0) {
      return -1;
    }
    ColumnVector id = text.column(identifierColumn);
    ColumnVector time = text.column(eventTimeColumn);
    if (id.isNull(r) || time.isNull(r)) {
      return -1;
    }
    int idStart = id.utf8Start(r);
    int idLength = id.utf8End(r) - idStart;
    if (idLength == 0 || idLength > RecordRules.MAX_IDENTIFIER_BYTES) {
      return -1;
    }
    byte[] key;
    switch (columnType[identifierColumn]) {
      case STRING -> {
        key = new byte[keyPrefix.length + idLength];
        System.arraycopy(keyPrefix, 0, key, 0, keyPrefix.length);
        System.arraycopy(id.utf8Bytes(), idStart, key, keyPrefix.length, idLength);
      }
      case INTEGRAL -> key = key(Long.toString(typed[group.recordIdentifierPosition()].getLong(r)));
      case FRACTIONAL ->
          key = key(Double.toString(typed[group.recordIdentifierPosition()].getDouble(r)));
      default -> throw new IllegalStateException("unreachable");
    }
    try {
      eventMicros[r] =
          eventTimeFormat.parseMicros(
              new String(
                  time.utf8Bytes(), time.utf8Start(r), time.utf8End(r) - time.utf8Start(r), UTF_8));
    } catch (QuiverException e) {
      return -1;
    }
    keys[r] = key;
    return recordBytes;
  }

  private byte[] key(String canonicalIdentifier) {
    return OnlineStore.key(group.id(), canonicalIdentifier);
  }

  /**
   * Checks row {@code r} as PutRecord would, through {@link RecordRules}: a refusal goes to {@code
   * rejected} (returns -1); an acceptance fills the row from the checked record.
   */
  private long slowCheck(
      ColumnBatch text,
      ColumnVector[] typed,
      int r,
      long[] eventMicros,
      byte[][] keys,
      List<RejectedRow> rejected) {
    List<FeatureValue> values = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      String value = text.column(c).getString(r);
      if (value != null) {
        values.add(FeatureValue.of(columns.get(c), value));
      }
    }
    ValidRecord valid;
    try {
      valid = RecordRules.check(group, new Record(values));
    } catch (QuiverException e) {
      rejected.add(new RejectedRow(r, e));
      return -1;
    }
    long bytes = 0;
    for (int c = 0; c < columns.size(); c++) {
      int position = columnPosition[c];
      String value = text.column(c).getString(r);
      if (position < 0) {
        continue;
      }
      if (value == null) {
        if (columnType[c] != FeatureType.STRING) {
          typed[position].setNull(r);
        }
        continue;
      }
      bytes += value.length();
      switch (columnType[c]) {
        case INTEGRAL ->
            typed[position].setLong(
                r, Long.parseLong(value.startsWith("+") ? value.substring(1) : value));
        case FRACTIONAL -> typed[position].setDouble(r, Double.parseDouble(value));
        case STRING -> {
          // The text vector is the typed vector.
        }
      }
    }
    eventMicros[r] = valid.eventTimeMicros();
    keys[r] = key(valid.recordIdentifier());
    return bytes;
  }

  /** {@code input} with every column as UTF-8 bytes. */
  private static ColumnBatch asUtf8(ColumnBatch input) {
    boolean all = true;
    for (ColumnVector column : input.columns()) {
      if (column.kind() != ColumnKind.STRING) {
        throw new IllegalArgumentException(
            "batch: a " + column.kind() + " column (expected: STRING columns of text)");
      }
      all &= column.isUtf8();
    }
    if (all) {
      return input;
    }
    List<ColumnVector> converted = new ArrayList<>();
    for (ColumnVector column : input.columns()) {
      converted.add(column.isUtf8() ? column : toUtf8(column, input.rowCount()));
    }
    return new ColumnBatch(input.rowCount(), converted);
  }

  private static ColumnVector toUtf8(ColumnVector column, int rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int[] offsets = new int[rows + 1];
    BitSet nulls = new BitSet();
    for (int r = 0; r < rows; r++) {
      String value = column.getString(r);
      if (value == null) {
        nulls.set(r);
      } else {
        bytes.writeBytes(value.getBytes(UTF_8));
      }
      offsets[r + 1] = bytes.size();
    }
    return ColumnVector.utf8(bytes.toByteArray(), offsets, nulls);
  }

  /**
   * Parses {@code [+-]?[0-9]+} in the range of a long into {@link #parsedLong}, as {@link
   * RecordRules} accepts Integral values; false if the bytes are anything else.
   */
  boolean parseIntegral(byte[] b, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (b[i] == '+' || b[i] == '-')) {
      negative = b[i] == '-';
      i++;
    }
    if (i == end) {
      return false;
    }
    // Accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE fits.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long result = 0;
    for (; i < end; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9 || result < limit / 10) {
        return false;
      }
      result *= 10;
      if (result < limit + digit) {
        return false;
      }
      result -= digit;
    }
    parsedLong = negative ? result : -result;
    return true;
  }

  /**
   * Parses {@code [+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?} into a finite {@link
   * #parsedDouble}, as {@link RecordRules} accepts Fractional values and {@link Double#parseDouble}
   * converts them; false if the bytes are anything else or overflow.
   */
  boolean parseFractional(byte[] b, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (b[i] == '+' || b[i] == '-')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int integerDigits = 0;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      mantissa = accumulate(mantissa, b[i]);
      significant += mantissa == 0 ? 0 : 1;
      integerDigits++;
      i++;
    }
    int fractionDigits = 0;
    if (i < end && b[i] == '.') {
      i++;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        mantissa = accumulate(mantissa, b[i]);
        significant += mantissa == 0 ? 0 : 1;
        fractionDigits++;
        i++;
      }
    }
    if (integerDigits == 0 && fractionDigits == 0) {
      return false;
    }
    if (i == end && significant <= 15 && fractionDigits <= 22) {
      // Exact: a mantissa below 2^53 and a power of ten up to 1e22 are both doubles, so their
      // quotient is rounded once, correctly, which is what Double.parseDouble returns.
      double value = mantissa / POWERS_OF_TEN[fractionDigits];
      parsedDouble = negative ? -value : value;
      return true;
    }
    if (i < end) {
      if (b[i] != 'e' && b[i] != 'E') {
        return false;
      }
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int exponentStart = i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == exponentStart || i != end) {
        return false;
      }
    }
    double value = Double.parseDouble(new String(b, start, end - start, UTF_8));
    if (!Double.isFinite(value)) {
      return false;
    }
    parsedDouble = value;
    return true;
  }

  /** The value of the last successful {@link #parseFractional}. */
  double lastDouble() {
    return parsedDouble;
  }

  /** Appends a digit while the mantissa stays exact; later digits are left to the slow parse. */
  private static long accumulate(long mantissa, byte digit) {
    return mantissa < 100_000_000_000_000_000L ? mantissa * 10 + (digit - '0') : mantissa;
  }

  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
  }
}
