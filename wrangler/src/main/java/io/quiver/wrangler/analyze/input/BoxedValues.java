package io.quiver.wrangler.analyze.input;

import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Types boxed values (rows of the import sources, JDBC results): guesses a column's kind from a
 * sample, and stores a value into a vector of a kind, saying whether it fitted. Stateless.
 */
final class BoxedValues {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity)");
  private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ].*)?");

  private BoxedValues() {}

  /** The kind that holds every value of {@code values} (nulls and blank text skipped). */
  static ColumnKind kindOf(List<@Nullable Object> values, boolean textual) {
    ColumnKind kind = null;
    for (Object value : values) {
      ColumnKind one = kindOfValue(value, textual);
      if (one == null) {
        continue;
      }
      kind = kind == null ? one : join(kind, one);
    }
    return kind == null ? ColumnKind.STRING : kind;
  }

  private static ColumnKind join(ColumnKind a, ColumnKind b) {
    if (a == b) {
      return a;
    }
    if ((a == ColumnKind.LONG && b == ColumnKind.DOUBLE)
        || (a == ColumnKind.DOUBLE && b == ColumnKind.LONG)) {
      return ColumnKind.DOUBLE;
    }
    return ColumnKind.STRING;
  }

  private static @Nullable ColumnKind kindOfValue(@Nullable Object value, boolean textual) {
    if (value == null) {
      return null;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ColumnKind.LONG;
    }
    if (value instanceof Number) {
      return ColumnKind.DOUBLE;
    }
    if (value instanceof Boolean) {
      return ColumnKind.BOOLEAN;
    }
    if (value instanceof Instant
        || value instanceof LocalDate
        || value instanceof LocalDateTime
        || value instanceof Timestamp
        || value instanceof java.sql.Date) {
      return ColumnKind.TIMESTAMP_MICROS;
    }
    if (value instanceof String text && textual) {
      String t = text.strip();
      if (t.isEmpty()) {
        return null;
      }
      if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
        return ColumnKind.BOOLEAN;
      }
      if (INTEGER.matcher(t).matches()) {
        return ColumnKind.LONG;
      }
      if (DECIMAL.matcher(t).matches()) {
        return ColumnKind.DOUBLE;
      }
      if (DATE_LIKE.matcher(t).matches() && parseMicros(t) != null) {
        return ColumnKind.TIMESTAMP_MICROS;
      }
    }
    return ColumnKind.STRING;
  }

  /**
   * Stores {@code value} at {@code row} of {@code vector}; null, and blank text in a column that is
   * not text, store null.
   *
   * @return false if the value does not fit the vector's kind (stored as null)
   */
  static boolean store(ColumnVector vector, int row, @Nullable Object value) {
    if (value == null) {
      vector.setNull(row);
      return true;
    }
    ColumnKind kind = vector.kind();
    if (kind == ColumnKind.STRING) {
      vector.setString(row, text(value));
      return true;
    }
    if (value instanceof String s && s.isBlank()) {
      vector.setNull(row);
      return true;
    }
    boolean fits =
        switch (kind) {
          case LONG -> storeLong(vector, row, value);
          case DOUBLE -> storeDouble(vector, row, value);
          case BOOLEAN -> storeBoolean(vector, row, value);
          case TIMESTAMP_MICROS -> storeTime(vector, row, value);
          case STRING, LIST -> false; // text is stored above; sources never type a column LIST
        };
    if (!fits) {
      vector.setNull(row);
    }
    return fits;
  }

  private static boolean storeLong(ColumnVector vector, int row, Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      vector.setLong(row, ((Number) value).longValue());
      return true;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
        vector.setLong(row, (long) d);
        return true;
      }
      return false;
    }
    if (value instanceof String s) {
      String t = s.strip();
      if (INTEGER.matcher(t).matches()) {
        vector.setLong(row, Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
        return true;
      }
    }
    return false;
  }

  private static boolean storeDouble(ColumnVector vector, int row, Object value) {
    if (value instanceof Number n) {
      vector.setDouble(row, n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue());
      return true;
    }
    if (value instanceof String s && DECIMAL.matcher(s.strip()).matches()) {
      vector.setDouble(row, Double.parseDouble(s.strip()));
      return true;
    }
    return false;
  }

  private static boolean storeBoolean(ColumnVector vector, int row, Object value) {
    if (value instanceof Boolean b) {
      vector.setLong(row, b ? 1 : 0);
      return true;
    }
    String t = value.toString().strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "true", "1" -> vector.setLong(row, 1);
      case "false", "0" -> vector.setLong(row, 0);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static boolean storeTime(ColumnVector vector, int row, Object value) {
    Long micros = null;
    if (value instanceof Instant i) {
      micros = micros(i);
    } else if (value instanceof Timestamp t) {
      micros = micros(t.toInstant());
    } else if (value instanceof java.sql.Date d) {
      micros = d.toLocalDate().toEpochDay() * 86_400_000_000L;
    } else if (value instanceof LocalDate d) {
      micros = d.toEpochDay() * 86_400_000_000L;
    } else if (value instanceof LocalDateTime t) {
      micros = micros(t.toInstant(ZoneOffset.UTC));
    } else if (value instanceof String s) {
      micros = parseMicros(s.strip());
    }
    if (micros == null) {
      return false;
    }
    vector.setLong(row, micros);
    return true;
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  /** Microseconds of an ISO-8601 date, local date-time (as UTC) or offset date-time; or null. */
  static @Nullable Long parseMicros(String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).toEpochDay() * 86_400_000_000L;
      }
      String iso = text.replace(' ', 'T');
      char last = iso.charAt(iso.length() - 1);
      if (last == 'Z' || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
        return micros(OffsetDateTime.parse(iso).toInstant());
      }
      return micros(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static String text(Object value) {
    return value instanceof Timestamp t ? t.toInstant().toString() : value.toString();
  }
}
