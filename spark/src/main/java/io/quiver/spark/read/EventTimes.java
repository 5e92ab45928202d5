package io.quiver.spark.read;

import io.quiver.query.history.HistoryScan;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.spark.sql.api.java.UDF1;
import org.jspecify.annotations.Nullable;

/**
 * Event times as microseconds since the epoch, converted as Quiver's dataset builder converts them:
 * feature values (ISO-8601 strings, fractional seconds) and base columns (timestamps, epoch
 * seconds, ISO-8601 text). {@code null} where there is no time. Stateless.
 */
final class EventTimes {
  private EventTimes() {}

  /** A feature's String event time: SageMaker's ISO-8601 forms, then any ISO instant. */
  static final UDF1<String, Long> ISO = EventTimes::iso;

  /** A feature's Fractional event time: seconds, rounded to the microsecond. */
  static final UDF1<Double, Long> SECONDS =
      seconds -> seconds == null ? null : Math.round(seconds * 1_000_000d);

  /** A base column's event time, whatever its type. */
  static final UDF1<Object, Long> ANY = EventTimes::any;

  static @Nullable Long iso(@Nullable String value) {
    long micros = HistoryScan.parseIso(value);
    return micros == Long.MIN_VALUE ? null : micros;
  }

  static @Nullable Long any(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Timestamp t) {
      return micros(t.toInstant());
    }
    if (value instanceof Instant t) {
      return micros(t);
    }
    if (value instanceof LocalDateTime t) {
      return micros(t.toInstant(ZoneOffset.UTC));
    }
    if (value instanceof Double || value instanceof Float) {
      return Math.round(((Number) value).doubleValue() * 1_000_000d);
    }
    if (value instanceof Number n) {
      return n.longValue() * 1_000_000L;
    }
    String text = value.toString();
    try {
      return Math.round(Double.parseDouble(text) * 1_000_000d);
    } catch (NumberFormatException e) {
      return iso(text);
    }
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
