package io.quiver.server.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads an interval option: a whole number with a unit ({@code 50us}, {@code 250ms}, {@code 1s},
 * {@code 2m}), or {@code 0} / {@code off} for none; {@link #format} writes one back. Stateless.
 */
final class IntervalConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern INTERVAL = Pattern.compile("([0-9]{1,9})(us|ms|s|m)");

  @Override
  public Duration convert(String value) {
    if (value.equals("0") || value.equals("off")) {
      return Duration.ZERO;
    }
    Matcher m = INTERVAL.matcher(value);
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "'"
              + value
              + "' is not an interval (expected: a number with us, ms, s or m, such as 1s; or off)");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "us" -> Duration.ofNanos(amount * 1_000);
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }

  /**
   * {@code interval} as the option reads it: {@code off} for zero, else in the largest unit that
   * holds it whole (under a microsecond is dropped).
   */
  static String format(Duration interval) {
    long micros = interval.toNanos() / 1_000;
    if (micros == 0) {
      return "off";
    }
    if (micros % 60_000_000 == 0) {
      return micros / 60_000_000 + "m";
    }
    if (micros % 1_000_000 == 0) {
      return micros / 1_000_000 + "s";
    }
    return micros % 1_000 == 0 ? micros / 1_000 + "ms" : micros + "us";
  }
}
