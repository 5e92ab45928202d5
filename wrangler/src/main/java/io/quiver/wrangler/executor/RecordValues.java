package io.quiver.wrangler.executor;

import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.ValueCasts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between feature-store records (every value a string or a list of strings) and a flow's
 * typed rows. The one encoding of flow values as record values, used by every path that writes a
 * flow's output to a feature group, so batch runs and PutRecord store the same strings: integers
 * and booleans (1/0) as Integral text, doubles in Java's shortest round-trip form (NaN and
 * infinities are left out, as missing), dates as {@code yyyy-MM-dd}, times as ISO-8601 UTC with
 * milliseconds ({@code yyyy-MM-dd'T'HH:mm:ss[.SSS]Z}, SageMaker's event-time format), vectors and
 * string lists as collections. Stateless.
 */
final class RecordValues {
  private RecordValues() {}

  /**
   * Loads {@code record} into slots 0.. of {@code row}, one per column of {@code input}; absent
   * features are null.
   *
   * @throws ValidationException if the record has a feature {@code input} lacks, or a value that is
   *     not of its column's type
   */
  static void load(
      Record record, Schema input, Map<String, Integer> positions, Row row, String flowName) {
    for (FeatureValue value : record.values()) {
      Integer position = positions.get(value.featureName());
      int c = position == null ? -1 : position;
      if (c < 0) {
        throw new ValidationException(
            "Cannot transform the record with flow "
                + flowName
                + ": feature '"
                + value.featureName()
                + "' is not one of the flow's inputs ("
                + String.join(", ", input.names())
                + ")");
      }
      DataType type = input.column(c).type();
      if (value.isList()) {
        List<String> elements = value.valueAsStringList();
        if (type == DataType.STRING_LIST) {
          row.setObject(c, elements.toArray(new String[0]));
        } else if (type == DataType.VECTOR) {
          double[] vector = new double[elements.size()];
          for (int i = 0; i < vector.length; i++) {
            vector[i] = parseElement(elements.get(i), value.featureName(), flowName);
          }
          row.setObject(c, vector);
        } else {
          throw wrongType(value.featureName(), "a list", type, flowName);
        }
      } else if (type.collection()) {
        throw wrongType(value.featureName(), "a scalar", type, flowName);
      } else if (!ValueCasts.fromText(value.valueAsString(), type, row, c, null)) {
        throw new ValidationException(
            "Cannot transform the record with flow "
                + flowName
                + ": feature '"
                + value.featureName()
                + "' is '"
                + value.valueAsString()
                + "' (expected: a "
                + type.flowName()
                + " value)");
      }
    }
  }

  private static double parseElement(String text, String feature, String flowName) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new ValidationException(
          "Cannot transform the record with flow "
              + flowName
              + ": feature '"
              + feature
              + "' holds '"
              + text
              + "' (expected: numbers)");
    }
  }

  private static ValidationException wrongType(
      String feature, String got, DataType type, String flowName) {
    return new ValidationException(
        "Cannot transform the record with flow "
            + flowName
            + ": feature '"
            + feature
            + "' is "
            + got
            + " (expected: a "
            + type.flowName()
            + " value)");
  }

  /** The record of the columns of {@code schema}, read from {@code slots} of {@code row}. */
  static Record toRecord(Row row, Schema schema, int[] slots) {
    List<FeatureValue> values = new ArrayList<>(slots.length);
    for (int c = 0; c < slots.length; c++) {
      Column column = schema.column(c);
      FeatureValue value = value(row, slots[c], column);
      if (value != null) {
        values.add(value);
      }
    }
    return new Record(values);
  }

  private static @Nullable FeatureValue value(Row row, int s, Column column) {
    if (row.isNull(s)) {
      return null;
    }
    String name = column.name();
    return switch (column.type()) {
      case LONG -> FeatureValue.of(name, Long.toString(row.getLong(s)));
      case BOOLEAN -> FeatureValue.of(name, row.getBoolean(s) ? "1" : "0");
      case DOUBLE -> {
        double d = row.getDouble(s);
        yield Double.isFinite(d) ? FeatureValue.of(name, doubleText(d)) : null;
      }
      case STRING -> FeatureValue.of(name, row.getString(s));
      case DATE -> FeatureValue.of(name, ValueCasts.formatDate(row.getLong(s)));
      case TIMESTAMP -> FeatureValue.of(name, eventTime(row.getLong(s)));
      case VECTOR -> {
        double[] vector = row.getVector(s);
        List<String> elements = new ArrayList<>(vector.length);
        for (double d : vector) {
          elements.add(Double.toString(d));
        }
        yield FeatureValue.ofList(name, elements);
      }
      case STRING_LIST -> {
        List<String> elements = new ArrayList<>();
        for (String e : row.getStrings(s)) {
          if (e != null) {
            elements.add(e);
          }
        }
        yield FeatureValue.ofList(name, elements);
      }
    };
  }

  private static final String[] SMALL_WHOLE = new String[257];

  static {
    for (int i = 0; i < SMALL_WHOLE.length; i++) {
      SMALL_WHOLE[i] = Double.toString(i);
    }
  }

  /**
   * {@link Double#toString} of {@code d}, without its cost for the small whole numbers flows make
   * often (one-hot 0.0 and 1.0, ordinals, counts).
   */
  static String doubleText(double d) {
    if (d >= 0 && d <= 256 && d == (int) d && Double.doubleToRawLongBits(d) != Long.MIN_VALUE) {
      return SMALL_WHOLE[(int) d];
    }
    return Double.toString(d);
  }

  /** SageMaker's ISO-8601 event-time text: seconds, or milliseconds when there are any. */
  static String eventTime(long micros) {
    long millis = Math.floorDiv(micros, 1000L);
    java.time.Instant instant = java.time.Instant.ofEpochMilli(millis);
    // ISO_INSTANT writes .SSS only when the milliseconds are not zero, as SageMaker's format wants.
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
