package io.quiver.wrangler.schema;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.EventTimeFormat;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Infers feature definitions from the first rows of a source, the way the SageMaker SDK's {@code
 * load_feature_definitions} maps pandas types: text to String, integers to Integral, floating point
 * and decimals to Fractional. Typed values (Parquet, ORC, JSON, JDBC) keep their declared type; CSV
 * text is sniffed: a column whose every cell is an integer is Integral, one whose cells are numbers
 * with at least one fraction or exponent is Fractional, anything else is String. Booleans, dates
 * and timestamps become String (timestamps are written as ISO-8601). A column whose values are all
 * lists becomes a List feature of its elements' type. A column with no value in the sample is
 * String.
 *
 * <p>The event time column must come out String (ISO-8601, such as {@code 2024-05-01T12:00:00Z}) or
 * Fractional (epoch seconds). Stateless.
 */
public final class SchemaInference {
  /** Rows sampled when the caller does not say. */
  public static final int SAMPLE_ROWS_DEFAULT = 10_000;

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private SchemaInference() {}

  /**
   * Infers definitions from up to {@code sampleRows} rows, which stay in the source to be imported
   * ({@link ImportSource#peek}).
   *
   * @throws IllegalArgumentException if {@code sampleRows} is not positive
   * @throws ValidationException if the identifier or event time column is missing, empty, or of a
   *     type that cannot serve
   */
  public static InferredSchema infer(
      ImportSource source, String recordIdentifier, String eventTime, int sampleRows) {
    if (sampleRows < 1) {
      throw new IllegalArgumentException("sampleRows: " + sampleRows + " (expected: >= 1)");
    }
    List<SourceRow> sample = source.peek(sampleRows);
    Map<String, ColumnGuess> columns = new LinkedHashMap<>();
    for (String column : source.columns()) {
      columns.put(column, new ColumnGuess());
    }
    for (SourceRow row : sample) {
      for (int i = 0; i < row.names().size(); i++) {
        columns
            .computeIfAbsent(row.names().get(i), name -> new ColumnGuess())
            .observe(row.values().get(i), source.textual());
      }
    }
    String prefix =
        "Cannot infer feature definitions from "
            + (sample.isEmpty() ? "the source" : where(sample.get(0)));
    if (sample.isEmpty()) {
      throw new ValidationException(prefix + ": it has no rows");
    }
    for (String required : List.of(recordIdentifier, eventTime)) {
      if (!columns.containsKey(required)) {
        throw new ValidationException(
            prefix
                + ": column '"
                + required
                + "' is not in the data (columns: "
                + String.join(", ", columns.keySet())
                + ")");
      }
      if (requireNonNull(columns.get(required)).kind == Kind.NONE) {
        throw new ValidationException(
            prefix
                + ": column '"
                + required
                + "' has no value in the first "
                + sample.size()
                + " rows");
      }
    }
    List<FeatureDefinition> features = new ArrayList<>();
    for (Map.Entry<String, ColumnGuess> column : columns.entrySet()) {
      features.add(column.getValue().definition(column.getKey()));
    }
    checkEventTime(prefix, eventTime, requireNonNull(columns.get(eventTime)), sample);
    return new InferredSchema(recordIdentifier, eventTime, features, sample.size());
  }

  private static void checkEventTime(
      String prefix, String eventTime, ColumnGuess guess, List<SourceRow> sample) {
    if (guess.list || guess.kind == Kind.INTEGRAL) {
      throw new ValidationException(
          prefix
              + ": event time column '"
              + eventTime
              + "' holds "
              + (guess.list ? "lists" : "integers")
              + " (expected: ISO-8601 UTC times such as 2024-05-01T12:00:00Z, or fractional seconds since the epoch such as"
              + " 1714564800.0); convert the column, or create the feature group yourself and import into it");
    }
    if (guess.kind != Kind.STRING) {
      return;
    }
    for (SourceRow row : sample) {
      int index = row.names().indexOf(eventTime);
      Object value = index < 0 ? null : row.values().get(index);
      if (value instanceof String text) {
        try {
          EventTimeFormat.ISO_8601.parseMicros(text);
        } catch (ValidationException e) {
          throw new ValidationException(
              prefix
                  + ": event time column '"
                  + eventTime
                  + "' holds '"
                  + text
                  + "' at "
                  + row.position()
                  + ", which is not an ISO-8601 UTC time (expected: yyyy-MM-dd'T'HH:mm:ssZ or yyyy-MM-dd'T'HH:mm:ss.SSSZ,"
                  + " or fractional seconds since the epoch)");
        }
      }
    }
  }

  private static String where(SourceRow row) {
    String position = row.position();
    int colon = position.lastIndexOf(':');
    return colon < 0 ? position : position.substring(0, colon);
  }

  /** The type lattice of one column: NONE below INTEGRAL below FRACTIONAL below STRING. */
  private enum Kind {
    NONE,
    INTEGRAL,
    FRACTIONAL,
    STRING;

    Kind join(Kind other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  /** What the values seen so far say about one column. Not thread-safe. */
  private static final class ColumnGuess {
    Kind kind = Kind.NONE;
    boolean list;
    boolean scalar;

    void observe(@Nullable Object value, boolean textual) {
      if (value == null || (value instanceof Double d && d.isNaN())) {
        return;
      }
      if (value instanceof List<?> elements) {
        list = true;
        for (Object element : elements) {
          kind = kind.join(kindOf(element, textual));
        }
        return;
      }
      scalar = true;
      kind = kind.join(kindOf(value, textual));
    }

    private static Kind kindOf(@Nullable Object value, boolean textual) {
      if (value == null) {
        return Kind.NONE;
      }
      if (value instanceof Long || value instanceof Integer) {
        return Kind.INTEGRAL;
      }
      if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
        return Kind.FRACTIONAL;
      }
      if (textual && value instanceof String text) {
        if (INTEGER.matcher(text).matches()) {
          return fitsLong(text) ? Kind.INTEGRAL : Kind.STRING;
        }
        return DECIMAL.matcher(text).matches() ? Kind.FRACTIONAL : Kind.STRING;
      }
      return Kind.STRING;
    }

    private static boolean fitsLong(String text) {
      try {
        Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    FeatureDefinition definition(String name) {
      FeatureType type =
          switch (kind) {
            case INTEGRAL -> FeatureType.INTEGRAL;
            case FRACTIONAL -> FeatureType.FRACTIONAL;
            case NONE, STRING -> FeatureType.STRING;
          };
      if (list && !scalar) {
        return FeatureDefinition.list(name, type);
      }
      return FeatureDefinition.of(name, list ? FeatureType.STRING : type);
    }
  }
}
