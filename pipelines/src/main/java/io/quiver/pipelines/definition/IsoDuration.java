package io.quiver.pipelines.definition;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the ISO-8601 durations of {@code CacheConfig.ExpireAfter} ({@code PnYnMnWnDTnHnMnS}; a
 * year is 365 days and a month 30), tolerating the short forms AWS's guide shows ({@code 30d},
 * {@code T16m}).
 */
final class IsoDuration {
  private static final Pattern ISO =
      Pattern.compile(
          "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?"
              + "(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");

  private IsoDuration() {}

  /**
   * The duration {@code text} spells.
   *
   * @throws IllegalArgumentException if it is not one, or is zero
   */
  static Duration parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (!t.startsWith("P")) {
      t = "P" + t;
    }
    Matcher m = ISO.matcher(t);
    if (!m.matches() || t.equals("P") || t.endsWith("T")) {
      throw new IllegalArgumentException(text);
    }
    Duration d =
        Duration.ofDays(
                365 * number(m.group(1))
                    + 30 * number(m.group(2))
                    + 7 * number(m.group(3))
                    + number(m.group(4)))
            .plusHours(number(m.group(5)))
            .plusMinutes(number(m.group(6)));
    if (m.group(7) != null) {
      d = d.plusMillis(Math.round(Double.parseDouble(m.group(7)) * 1000));
    }
    if (d.isZero()) {
      throw new IllegalArgumentException(text);
    }
    return d;
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
