package io.quiver.server.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads an interval option: a whole number with a unit ({@code 50us}, {@code 250ms}, {@code 1s},
 * {@code 2m}), or {@code 0} / {@code off} for none. Stateless.
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
}
