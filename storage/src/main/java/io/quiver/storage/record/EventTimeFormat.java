package io.quiver.storage.record;

import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
      Matcher m = ISO.matcher(value);
      if (!m.matches()) {
        throw invalid(
            value, "an ISO-8601 UTC time, yyyy-MM-dd'T'HH:mm:ssZ or yyyy-MM-dd'T'HH:mm:ss.SSSZ");
      }
      try {
        LocalDateTime time =
            LocalDateTime.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)),
                m.group(7) == null ? 0 : Integer.parseInt(m.group(7)) * 1_000_000);
        long seconds = time.toEpochSecond(ZoneOffset.UTC);
        return seconds * 1_000_000L + time.getNano() / 1_000;
      } catch (DateTimeException e) {
        throw invalid(value, "a valid calendar date and time");
      }
    }
  },

  /** Seconds since the Unix epoch, with a fraction (for example {@code 1700000000.5}). */
  EPOCH_SECONDS {
    @Override
    public long parseMicros(String value) {
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
  };

  private static final Pattern ISO =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{3}))?Z");
  private static final BigDecimal MIN_SECONDS =
      BigDecimal.valueOf(LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC));
  private static final BigDecimal MAX_SECONDS =
      BigDecimal.valueOf(LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC));

  /**
   * Parses an event time to microseconds since the Unix epoch.
   *
   * @throws ValidationException if {@code value} is not an event time in this format
   */
  public abstract long parseMicros(String value);

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

  private static ValidationException invalid(String value, String expected) {
    return new ValidationException(
        "Cannot accept event time '"
            + value
            + "': it is not a valid event time format (expected: "
            + expected
            + ")");
  }
}
