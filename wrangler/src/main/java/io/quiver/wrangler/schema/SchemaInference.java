package io.quiver.wrangler.schema;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.EventTimeFormat;
import io.quiver.wrangler.importer.FeatureText;
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
 * text is sniffed: integers (fitting 64 bits) are Integral, numbers with a fraction or exponent
 * Fractional, anything else String. Booleans, dates and timestamps become String (timestamps are
 * written as ISO-8601). A column whose values are all lists becomes a List feature of its elements'
 * type. A column with no value in the sample is String.
 *
 * <p>A column's type comes from the values that parse: a column most of whose values are numbers is
 * numeric even if a few are not (a typo, {@code n/a}), rather than turning String because of them.
 * The sampled rows whose values do not parse as their column's type, or that lack a record
 * identifier or an event time, are counted and the first of them named in {@link
 * InferredSchema#rowsUnfit()} and {@link InferredSchema#firstUnfit()}: importing them will break
 * the record rules, and the caller decides (fail, or skip them).
 *
 * <p>The event time column must come out String (ISO-8601, such as {@code 2024-05-01T12:00:00Z}) or
 * Fractional (epoch seconds). Stateless.
 */
public final class SchemaInference {
  /** Rows sampled when the caller does not say. */
  public static final int SAMPLE_ROWS_DEFAULT = 10_000;

  /** Unfit rows named in an inferred schema, at most. */
  public static final int UNFIT_ROWS_NAMED = 5;

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final int VALUE_SHOWN_MAX = 40;

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
      if (columns.get(required).kind() == Kind.NONE) {
        throw new ValidationException(
            prefix
                + ": column '"
                + required
                + "' has no value in the first "
                + sample.size()
                + " rows");
      }
    }
    Map<String, FeatureDefinition> definitions = new LinkedHashMap<>();
    for (Map.Entry<String, ColumnGuess> column : columns.entrySet()) {
      definitions.put(column.getKey(), column.getValue().definition(column.getKey()));
    }
    checkEventTime(prefix, eventTime, columns.get(eventTime));
    Fit fit = new Fit(recordIdentifier, eventTime, definitions);
    for (SourceRow row : sample) {
      fit.check(row);
    }
    if (fit.eventTimesParsed == 0) {
      throw new ValidationException(
          prefix
              + ": no value of event time column '"
              + eventTime
              + "' in the first "
              + sample.size()
              + " rows is a time ("
              + fit.firstBadEventTime
              + "; expected: ISO-8601 UTC times such as 2024-05-01T12:00:00Z or"
              + " 2024-05-01T12:00:00.250Z, or fractional seconds since the epoch such as"
              + " 1714564800.0)");
    }
    return new InferredSchema(
        recordIdentifier,
        eventTime,
        List.copyOf(definitions.values()),
        sample.size(),
        fit.unfit,
        fit.named);
  }

  private static void checkEventTime(String prefix, String eventTime, ColumnGuess guess) {
    if (guess.list || guess.kind() == Kind.INTEGRAL) {
      throw new ValidationException(
          prefix
              + ": event time column '"
              + eventTime
              + "' holds "
              + (guess.list ? "lists" : "integers")
              + " (expected: ISO-8601 UTC times such as 2024-05-01T12:00:00Z, or fractional seconds since the epoch such as"
              + " 1714564800.0); convert the column, or create the feature group yourself and import into it");
    }
  }

  private static String where(SourceRow row) {
    String position = row.position();
    int colon = position.lastIndexOf(':');
    return colon < 0 ? position : position.substring(0, colon);
  }

  private static String shown(Object value) {
    String text = value.toString();
    return "'"
        + (text.length() > VALUE_SHOWN_MAX ? text.substring(0, VALUE_SHOWN_MAX) + "..." : text)
        + "'";
  }

  /** The kinds of value a column can hold, ordered from narrowest to widest. */
  private enum Kind {
    NONE,
    INTEGRAL,
    FRACTIONAL,
    STRING;

    Kind join(Kind other) {
      return compareTo(other) >= 0 ? this : other;
    }

    static Kind of(@Nullable Object value, boolean textual) {
      if (value == null) {
        return NONE;
      }
      if (value instanceof Long || value instanceof Integer) {
        return INTEGRAL;
      }
      if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
        return FRACTIONAL;
      }
      if (textual && value instanceof String text) {
        if (INTEGER.matcher(text).matches()) {
          return fitsLong(text) ? INTEGRAL : STRING;
        }
        return DECIMAL.matcher(text).matches() ? FRACTIONAL : STRING;
      }
      return STRING;
    }

    private static boolean fitsLong(String text) {
      try {
        Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  /** What the values seen so far say about one column. Not thread-safe. */
  private static final class ColumnGuess {
    long integral;
    long fractional;
    long other;
    Kind elements = Kind.NONE;
    boolean list;
    boolean scalar;

    void observe(@Nullable Object value, boolean textual) {
      if (value == null || (value instanceof Double d && d.isNaN())) {
        return;
      }
      if (value instanceof List<?> items) {
        list = true;
        for (Object element : items) {
          elements = elements.join(Kind.of(element, textual));
        }
        return;
      }
      scalar = true;
      switch (Kind.of(value, textual)) {
        case INTEGRAL -> integral++;
        case FRACTIONAL -> fractional++;
        default -> other++;
      }
    }

    /**
     * The scalar kind: numeric when numbers are most of the values (those that are not will not
     * import), else String.
     */
    Kind kind() {
      long numbers = integral + fractional;
      if (numbers == 0 || numbers <= other) {
        return other == 0 ? Kind.NONE : Kind.STRING;
      }
      return fractional > 0 ? Kind.FRACTIONAL : Kind.INTEGRAL;
    }

    FeatureDefinition definition(String name) {
      if (list && !scalar) {
        return FeatureDefinition.list(name, typeOf(elements));
      }
      return FeatureDefinition.of(name, list ? FeatureType.STRING : typeOf(kind()));
    }

    private static FeatureType typeOf(Kind kind) {
      return switch (kind) {
        case INTEGRAL -> FeatureType.INTEGRAL;
        case FRACTIONAL -> FeatureType.FRACTIONAL;
        case NONE, STRING -> FeatureType.STRING;
      };
    }
  }

  /** Checks sampled rows against the inferred definitions. Not thread-safe. */
  private static final class Fit {
    private final String recordIdentifier;
    private final String eventTime;
    private final Map<String, FeatureDefinition> definitions;
    long unfit;
    final List<UnfitRow> named = new ArrayList<>();
    long eventTimesParsed;
    @Nullable String firstBadEventTime;

    Fit(String recordIdentifier, String eventTime, Map<String, FeatureDefinition> definitions) {
      this.recordIdentifier = recordIdentifier;
      this.eventTime = eventTime;
      this.definitions = definitions;
    }

    void check(SourceRow row) {
      String problem = null;
      for (String key : List.of(recordIdentifier, eventTime)) {
        int index = row.names().indexOf(key);
        Object value = index < 0 ? null : row.values().get(index);
        if (value == null || (value instanceof Double d && d.isNaN())) {
          problem = key + " has no value";
          break;
        }
      }
      for (int i = 0; i < row.names().size() && problem == null; i++) {
        problem = problem(row.names().get(i), row.values().get(i), row.position());
      }
      if (problem == null) {
        return;
      }
      unfit++;
      if (named.size() < UNFIT_ROWS_NAMED) {
        named.add(new UnfitRow(row.position(), problem));
      }
    }

    private @Nullable String problem(String column, @Nullable Object value, String position) {
      FeatureDefinition definition = definitions.get(column);
      if (value == null
          || value instanceof List<?>
          || (value instanceof Double d && d.isNaN())
          || definition == null) {
        return null;
      }
      FeatureType type = definition.type();
      if (column.equals(eventTime)) {
        try {
          EventTimeFormat.of(type).parseMicros(FeatureText.of(value, type));
          eventTimesParsed++;
          return null;
        } catch (ValidationException e) {
          if (firstBadEventTime == null) {
            firstBadEventTime = shown(value) + " at " + position;
          }
          return column
              + " "
              + shown(value)
              + " is not "
              + (type == FeatureType.STRING
                  ? "an ISO-8601 UTC time"
                  : "a number of seconds since the epoch");
        }
      }
      boolean parses =
          switch (type) {
            case STRING -> true;
            case INTEGRAL -> Kind.of(FeatureText.of(value, type), true) == Kind.INTEGRAL;
            case FRACTIONAL -> {
              String text = FeatureText.of(value, type);
              Kind kind = Kind.of(text, true);
              yield (kind == Kind.INTEGRAL || kind == Kind.FRACTIONAL)
                  && Double.isFinite(Double.parseDouble(text));
            }
          };
      return parses ? null : column + " " + shown(value) + " is not " + type.wireName();
    }
  }
}
