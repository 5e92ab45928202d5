package io.quiver.storage.record;

import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The two ways SageMaker writes an event time: an ISO-8601 UTC string (for a String feature) or
 * fractional seconds since the Unix epoch (for a Fractional feature). Both parse to microseconds
 * since the epoch, the engine's one ordering of event times.
 */
public enum EventTimeFormat {
  /** {@code yyyy-MM-dd'T'HH:mm:ssZ} or {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ}, with a literal Z. */
  ISO_8601 {
    @Override
    public long parseMicros(String value) {
      // Read by position rather than with a regular expression: it runs for every write.
      int length = value.length();
      boolean millis = length == 24 && value.charAt(19) == '.';
      if (!(length == 20 || millis)
          || value.charAt(4) != '-'
          || value.charAt(7) != '-'
          || value.charAt(10) != 'T'
          || value.charAt(13) != ':'
          || value.charAt(16) != ':'
          || value.charAt(length - 1) != 'Z') {
        throw invalid(value, ISO_EXPECTED);
      }
      int year = number(value, 0, 4);
      int month = number(value, 5, 2);
      int day = number(value, 8, 2);
      int hour = number(value, 11, 2);
      int minute = number(value, 14, 2);
      int second = number(value, 17, 2);
      int milli = millis ? number(value, 20, 3) : 0;
      if ((year | month | day | hour | minute | second | milli) < 0) {
        throw invalid(value, ISO_EXPECTED);
      }
      try {
        LocalDateTime time =
            LocalDateTime.of(year, month, day, hour, minute, second, milli * 1_000_000);
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + milli * 1_000L;
      } catch (DateTimeException e) {
        throw invalid(value, "a valid calendar date and time");
      }
    }

    @Override
    public String formatAtOrAfter(long micros) {
      long millis = Math.floorDiv(micros, 1_000L) + (Math.floorMod(micros, 1_000L) == 0 ? 0 : 1);
      LocalDateTime time =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(millis, 1_000L),
              (int) Math.floorMod(millis, 1_000L) * 1_000_000,
              ZoneOffset.UTC);
      return ISO_MILLIS.format(time);
    }
  },

  /** Seconds since the Unix epoch, with a fraction (for example {@code 1700000000.5}). */
  EPOCH_SECONDS {
    @Override
    public long parseMicros(String value) {
      long fast = plainMicros(value);
      if (fast != NOT_PLAIN) {
        return fast;
      }
      BigDecimal seconds;
      try {
        seconds = new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw invalid(value, "seconds since the Unix epoch, for example 1700000000.123");
      }
      if (seconds.compareTo(MIN_SECONDS) < 0 || seconds.compareTo(MAX_SECONDS) >= 0) {
        throw invalid(value, "a time from 0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z");
      }
      return seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    @Override
    public String formatAtOrAfter(long micros) {
      BigDecimal seconds = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
      return (seconds.scale() < 1 ? seconds.setScale(1) : seconds).toPlainString();
    }
  };

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
  private static final String ISO_EXPECTED =
      "an ISO-8601 UTC time, yyyy-MM-dd'T'HH:mm:ssZ or yyyy-MM-dd'T'HH:mm:ss.SSSZ";
  private static final long NOT_PLAIN = Long.MIN_VALUE;
  private static final BigDecimal MIN_SECONDS =
      BigDecimal.valueOf(LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC));
  private static final BigDecimal MAX_SECONDS =
      BigDecimal.valueOf(LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC));
  private static final long MIN_MICROS = MIN_SECONDS.longValueExact() * 1_000_000L;
  private static final long MAX_MICROS = MAX_SECONDS.longValueExact() * 1_000_000L;

  /**
   * Parses an event time to microseconds since the Unix epoch.
   *
   * @throws ValidationException if {@code value} is not an event time in this format
   */
  public abstract long parseMicros(String value);

  /**
   * The event time in this format that is the earliest at or after {@code micros} ({@code micros}
   * itself when the format can hold it; ISO-8601 keeps milliseconds, so it rounds up to the next
   * one). {@link #parseMicros} of the result is {@code micros} or just after it, never before.
   */
  public abstract String formatAtOrAfter(long micros);

  /**
   * The format of event-time features of {@code type}.
   *
   * @throws IllegalArgumentException for Integral, which cannot hold event times
   */
  public static EventTimeFormat of(FeatureType type) {
    return switch (type) {
      case STRING -> ISO_8601;
      case FRACTIONAL -> EPOCH_SECONDS;
      case INTEGRAL ->
          throw new IllegalArgumentException("type: Integral (expected: String or Fractional)");
    };
  }

  /** The ASCII digits of {@code s} from {@code start}, {@code count} of them; -1 if not digits. */
  private static int number(String s, int start, int count) {
    int n = 0;
    for (int i = start; i < start + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /**
   * The microseconds of {@code [-]digits[.digits]} with at most 12 integer and 6 fraction digits
   * inside the allowed range, computed exactly in longs; {@link #NOT_PLAIN} for any other form,
   * which the BigDecimal path then parses (or rejects).
   */
  private static long plainMicros(String value) {
    int length = value.length();
    boolean negative = length > 0 && value.charAt(0) == '-';
    int i = negative ? 1 : 0;
    long seconds = 0;
    int integerStart = i;
    while (i < length && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
      seconds = seconds * 10 + (value.charAt(i) - '0');
      i++;
    }
    int integerDigits = i - integerStart;
    if (integerDigits == 0 || integerDigits > 12) {
      return NOT_PLAIN;
    }
    long micros = 0;
    int fractionDigits = 0;
    if (i < length && value.charAt(i) == '.') {
      i++;
      while (i < length && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
        if (++fractionDigits > 6) {
          return NOT_PLAIN;
        }
        micros = micros * 10 + (value.charAt(i) - '0');
        i++;
      }
    }
    if (i != length) {
      return NOT_PLAIN;
    }
    for (int d = fractionDigits; d < 6; d++) {
      micros *= 10;
    }
    long total = seconds * 1_000_000L + micros;
    long signed = negative ? -total : total;
    // The range check of the slow path, on whole microseconds: [MIN_SECONDS, MAX_SECONDS).
    if (signed < MIN_MICROS || signed >= MAX_MICROS) {
      return NOT_PLAIN;
    }
    return signed;
  }

  private static ValidationException invalid(String value, String expected) {
    return new ValidationException(
        "Cannot accept event time '"
            + value
            + "': it is not a valid event time format (expected: "
            + expected
            + ")");
  }
}
