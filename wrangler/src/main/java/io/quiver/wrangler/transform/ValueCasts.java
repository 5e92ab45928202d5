package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Conversions between a flow's types with Spark's cast semantics (what Data Wrangler's exported
 * code does): text to numbers trims white space, {@code "1.9"} casts to the long 1, text that is
 * not a value casts to null; booleans accept {@code t/true/y/yes/1} and {@code f/false/n/no/0};
 * values to text use Java's (and Spark's) shortest round-trip form for doubles and ISO-8601 for
 * dates and times. Stateless.
 */
public final class ValueCasts {
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  // Spark's supported timestamp patterns, grouped by the separators a value contains (as Data
  // Wrangler guesses them); longer patterns first so a prefix never matches early.
  private static final List<DateTimeFormatter> SLASH =
      formatters(
          "MM/dd/yyyy HH:mm:ss.SSSXXX",
          "MM/dd/yyyy HH:mm:ss.SSS",
          "MM/dd/yyyy HH:mm:ssXXX",
          "MM/dd/yyyy HH:mm:ss",
          "MM/dd/yyyy HH:mm",
          "MM/dd/yyyy");
  private static final List<DateTimeFormatter> HYPHEN_T =
      formatters(
          "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
          "yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
          "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
          "yyyy-MM-dd'T'HH:mm:ss.SSS",
          "yyyy-MM-dd'T'HH:mm:ssXXX",
          "yyyy-MM-dd'T'HH:mm:ss",
          "yyyy-MM-dd'T'HH:mm");
  private static final List<DateTimeFormatter> HYPHEN =
      formatters(
          "yyyy-MM-dd HH:mm:ss.SSSSSSXXX",
          "yyyy-MM-dd HH:mm:ss.SSSSSS",
          "yyyy-MM-dd HH:mm:ss.SSSXXX",
          "yyyy-MM-dd HH:mm:ss.SSS",
          "yyyy-MM-dd HH:mm:ssXXX",
          "yyyy-MM-dd HH:mm:ss",
          "yyyy-MM-dd HH:mm",
          "yyyy-MM-dd");
  private static final List<DateTimeFormatter> COMPACT = formatters("yyyyMMdd");

  private ValueCasts() {}

  private static List<DateTimeFormatter> formatters(String... patterns) {
    return java.util.Arrays.stream(patterns)
        .map(p -> DateTimeFormatter.ofPattern(p, Locale.ROOT))
        .toList();
  }

  /**
   * A formatter for a Spark/Java date-time pattern such as {@code dd-MM-yyyy}.
   *
   * @throws StepException if the pattern is not valid
   */
  public static DateTimeFormatter pattern(String pattern) {
    try {
      return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new StepException("date/time format '" + pattern + "' is not valid: " + e.getMessage());
    }
  }

  /**
   * Casts {@code text} to {@code type} into slot {@code s}; sets null and returns false if it is
   * not a value of that type.
   *
   * @param format the pattern for DATE and TIMESTAMP, or {@code null} (dates {@code yyyy-MM-dd},
   *     times in any of Spark's supported layouts)
   */
  public static boolean fromText(
      String text, DataType type, Row row, int s, @Nullable DateTimeFormatter format) {
    switch (type) {
      case STRING -> {
        row.setObject(s, text);
        return true;
      }
      case LONG -> {
        return parseLong(text, row, s);
      }
      case DOUBLE -> {
        return parseDouble(text, row, s);
      }
      case BOOLEAN -> {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
          case "t", "true", "y", "yes", "1" -> row.setBoolean(s, true);
          case "f", "false", "n", "no", "0" -> row.setBoolean(s, false);
          default -> {
            row.setNull(s);
            return false;
          }
        }
        return true;
      }
      case DATE -> {
        Long micros = parseDate(text.trim(), format);
        return setMicros(micros, row, s);
      }
      case TIMESTAMP -> {
        Long micros = parseTimestamp(text.trim(), format);
        return setMicros(micros, row, s);
      }
      case VECTOR, STRING_LIST -> {
        row.setNull(s);
        return false;
      }
    }
    return false;
  }

  private static boolean setMicros(@Nullable Long micros, Row row, int s) {
    if (micros == null) {
      row.setNull(s);
      return false;
    }
    row.setLong(s, micros);
    return true;
  }

  private static boolean parseLong(String text, Row row, int s) {
    String t = text.trim();
    int n = t.length();
    if (n == 0) {
      row.setNull(s);
      return false;
    }
    int i = 0;
    boolean negative = false;
    if (t.charAt(0) == '-' || t.charAt(0) == '+') {
      negative = t.charAt(0) == '-';
      i = 1;
    }
    long value = 0;
    int digits = 0;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c == '.') {
        break;
      }
      if (c < '0' || c > '9') {
        row.setNull(s);
        return false;
      }
      int d = c - '0';
      // Accumulate negatively so Long.MIN_VALUE fits.
      if (value < (Long.MIN_VALUE + d) / 10) {
        row.setNull(s);
        return false;
      }
      value = value * 10 - d;
      digits++;
    }
    if (i < n) {
      // A fractional part is truncated (Spark's cast), but it must be digits.
      int fraction = 0;
      for (int j = i + 1; j < n; j++) {
        char c = t.charAt(j);
        if (c < '0' || c > '9') {
          row.setNull(s);
          return false;
        }
        fraction++;
      }
      if (digits == 0 && fraction == 0) {
        row.setNull(s);
        return false;
      }
    } else if (digits == 0) {
      row.setNull(s);
      return false;
    }
    if (!negative && value == Long.MIN_VALUE) {
      row.setNull(s);
      return false;
    }
    row.setLong(s, negative ? value : -value);
    return true;
  }

  private static boolean parseDouble(String text, Row row, int s) {
    String t = text.trim();
    if (t.isEmpty()) {
      row.setNull(s);
      return false;
    }
    char first = t.charAt(0);
    if ((first < '0' || first > '9') && first != '-' && first != '+' && first != '.') {
      double special = special(t);
      if (Double.isNaN(special) && !t.equalsIgnoreCase("nan")) {
        row.setNull(s);
        return false;
      }
      row.setDouble(s, special);
      return true;
    }
    double fast = fastDecimal(t);
    if (!Double.isNaN(fast)) {
      row.setDouble(s, fast);
      return true;
    }
    try {
      row.setDouble(s, Double.parseDouble(t));
      return true;
    } catch (NumberFormatException e) {
      double special = special(t);
      if (Double.isNaN(special)) {
        row.setNull(s);
        return false;
      }
      row.setDouble(s, special);
      return true;
    }
  }

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /**
   * A plain decimal ({@code -12.345}) with at most 15 digits, parsed exactly as {@link
   * Double#parseDouble} would (Clinger's fast path: the digits and the power of ten are exact
   * doubles, so one correctly rounded division gives the correctly rounded value); NaN for anything
   * else, which the caller parses the slow way.
   */
  private static double fastDecimal(String t) {
    int n = t.length();
    int i = 0;
    boolean negative = false;
    char first = t.charAt(0);
    if (first == '-' || first == '+') {
      negative = first == '-';
      i = 1;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    boolean point = false;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 15) {
          return Double.NaN;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (point) {
          scale++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    double value = mantissa / POWERS_OF_TEN[scale];
    return negative ? -value : value;
  }

  private static double special(String t) {
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.NaN;
    };
  }

  /** Microseconds of midnight UTC of the date in {@code text}, or null. */
  static @Nullable Long parseDate(String text, @Nullable DateTimeFormatter format) {
    try {
      LocalDate date =
          format == null
              ? LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text)
              : LocalDate.parse(text, format);
      return date.toEpochDay() * MICROS_PER_DAY;
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Microseconds since the epoch of the time in {@code text} (UTC unless it says), or null. */
  static @Nullable Long parseTimestamp(String text, @Nullable DateTimeFormatter format) {
    if (format != null) {
      return parseWith(text, format);
    }
    List<DateTimeFormatter> group =
        text.indexOf('/') >= 0
            ? SLASH
            : text.indexOf('T') >= 0 && text.indexOf('-') >= 0
                ? HYPHEN_T
                : text.indexOf('-') >= 0 ? HYPHEN : COMPACT;
    for (DateTimeFormatter f : group) {
      Long micros = parseWith(text, f);
      if (micros != null) {
        return micros;
      }
    }
    try {
      return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(text));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Long parseWith(String text, DateTimeFormatter format) {
    try {
      TemporalAccessor parsed = format.parse(text);
      Instant instant;
      if (parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
        instant = OffsetDateTime.from(parsed).toInstant();
      } else if (parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
        instant = LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
      } else {
        instant = LocalDate.from(parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /**
   * The value in slot {@code s} (of {@code type}) as text, Spark's cast to string; {@code null} if
   * the slot is null.
   */
  public static @Nullable String toText(Row row, int s, DataType type) {
    if (row.isNull(s)) {
      return null;
    }
    return switch (type) {
      case STRING -> row.getString(s);
      case LONG -> Long.toString(row.getLong(s));
      case DOUBLE -> Double.toString(row.getDouble(s));
      case BOOLEAN -> row.getBoolean(s) ? "true" : "false";
      case DATE -> formatDate(row.getLong(s));
      case TIMESTAMP -> formatTimestamp(row.getLong(s));
      case VECTOR -> java.util.Arrays.toString(row.getVector(s));
      case STRING_LIST -> "[" + String.join(", ", row.getStrings(s)) + "]";
    };
  }

  /** {@code yyyy-MM-dd} of a DATE value. */
  public static String formatDate(long micros) {
    return LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY)).toString();
  }

  /** ISO-8601 in UTC ({@code 2024-01-31T12:00:00Z}) of a TIMESTAMP value. */
  public static String formatTimestamp(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
  }

  /**
   * Casts the value in slot {@code from} (of {@code fromType}) to {@code toType} into slot {@code
   * to}; sets null and returns false if it cannot be cast.
   */
  public static boolean cast(
      Row row,
      int from,
      DataType fromType,
      int to,
      DataType toType,
      @Nullable DateTimeFormatter format) {
    if (row.isNull(from)) {
      row.setNull(to);
      return true;
    }
    if (fromType == toType) {
      row.copy(from, to);
      return true;
    }
    switch (fromType) {
      case LONG -> {
        long v = row.getLong(from);
        switch (toType) {
          case DOUBLE -> row.setDouble(to, v);
          case BOOLEAN -> row.setBoolean(to, v != 0);
          case STRING -> row.setObject(to, Long.toString(v));
          case TIMESTAMP -> row.setLong(to, Math.multiplyExact(v, 1_000_000L));
          default -> {
            return failed(row, to);
          }
        }
        return true;
      }
      case DOUBLE -> {
        double v = row.getDouble(from);
        switch (toType) {
          case LONG -> {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
              return failed(row, to);
            }
            row.setLong(to, (long) v);
          }
          case BOOLEAN -> row.setBoolean(to, v != 0);
          case STRING -> row.setObject(to, Double.toString(v));
          case TIMESTAMP -> row.setLong(to, Math.round(v * 1_000_000d));
          default -> {
            return failed(row, to);
          }
        }
        return true;
      }
      case BOOLEAN -> {
        boolean v = row.getBoolean(from);
        switch (toType) {
          case LONG -> row.setLong(to, v ? 1 : 0);
          case DOUBLE -> row.setDouble(to, v ? 1 : 0);
          case STRING -> row.setObject(to, v ? "true" : "false");
          default -> {
            return failed(row, to);
          }
        }
        return true;
      }
      case STRING -> {
        return fromText(row.getString(from), toType, row, to, format);
      }
      case DATE, TIMESTAMP -> {
        long micros = row.getLong(from);
        switch (toType) {
          case STRING ->
              row.setObject(
                  to, fromType == DataType.DATE ? formatDate(micros) : formatTimestamp(micros));
          case DATE -> row.setLong(to, Math.floorDiv(micros, MICROS_PER_DAY) * MICROS_PER_DAY);
          case TIMESTAMP -> row.setLong(to, micros);
          case LONG -> row.setLong(to, Math.floorDiv(micros, 1_000_000L));
          case DOUBLE -> row.setDouble(to, micros / 1_000_000d);
          default -> {
            return failed(row, to);
          }
        }
        return true;
      }
      case VECTOR, STRING_LIST -> {
        if (toType == DataType.STRING) {
          row.setObject(to, toText(row, from, fromType));
          return true;
        }
        return failed(row, to);
      }
    }
    return failed(row, to);
  }

  private static boolean failed(Row row, int to) {
    row.setNull(to);
    return false;
  }
}
