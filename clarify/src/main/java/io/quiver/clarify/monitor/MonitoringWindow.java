package io.quiver.clarify.monitor;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The half-open interval of event times one monitoring execution looks at: {@code start <= t <
 * end}.
 *
 * @param start the first instant included
 * @param end the first instant after the window
 */
public record MonitoringWindow(Instant start, Instant end) {
  /** Checks that the window is not empty. */
  public MonitoringWindow {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "window: " + start + " to " + end + " (expected: start before end)");
    }
  }

  /** The UTC day {@code day}. */
  public static MonitoringWindow day(LocalDate day) {
    return new MonitoringWindow(
        day.atStartOfDay(ZoneOffset.UTC).toInstant(),
        day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /**
   * Parses {@code 2026-12-05} (a UTC day), {@code 2026-12-05T10} (a UTC hour) or {@code START/END}
   * (two ISO-8601 instants).
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  public static MonitoringWindow parse(String text) {
    try {
      int slash = text.indexOf('/');
      if (slash > 0) {
        return new MonitoringWindow(
            Instant.parse(text.substring(0, slash)), Instant.parse(text.substring(slash + 1)));
      }
      if (text.length() == 10) {
        return day(LocalDate.parse(text));
      }
      if (text.length() == 13 && text.charAt(10) == 'T') {
        Instant start = Instant.parse(text + ":00:00Z");
        return new MonitoringWindow(start, start.plusSeconds(3600));
      }
    } catch (DateTimeParseException e) {
      // reported below with the accepted forms
    }
    throw new IllegalArgumentException(
        "window: '"
            + text
            + "' (expected: a UTC day 2026-12-05, a UTC hour 2026-12-05T10, or"
            + " 2026-12-05T00:00:00Z/2026-12-06T00:00:00Z)");
  }

  /** A folder-name-safe identifier: the start as {@code 2026-12-05T00-00-00Z}. */
  public String id() {
    return start.toString().replace(':', '-');
  }

  /** Whether {@code t} lies in the window. */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
