package io.quiver.clarify.monitor.schedule;

import static java.util.Objects.requireNonNull;

import io.quiver.clarify.monitor.MonitoringWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cron expressions Model Monitor accepts, and the windows they cut time into: {@code cron(0 * ?
 * * * *)} (hourly), {@code cron(0 H ? * * *)} (daily at hour H, UTC) and {@code cron(0 H/N ? * *
 * *)} (every N hours from hour H). Each run looks at the period that just ended.
 *
 * @param text the expression as given
 * @param period the length of a window
 * @param offsetHours the hour of day (UTC) windows are aligned to
 */
public record ScheduleExpression(String text, Duration period, int offsetHours) {
  private static final Pattern CRON =
      Pattern.compile(
          "cron\\(\\s*0\\s+(\\*|\\d{1,2})(?:/(\\d{1,2}))?\\s+\\?\\s+\\*\\s+\\*\\s+\\*\\s*\\)");

  /** Checks the parts. */
  public ScheduleExpression {
    requireNonNull(text, "text");
    requireNonNull(period, "period");
  }

  /**
   * Parses {@code expression}.
   *
   * @throws IllegalArgumentException if it is not one of the accepted forms
   */
  public static ScheduleExpression parse(String expression) {
    Matcher m = CRON.matcher(expression == null ? "" : expression.trim());
    if (m.matches()) {
      if (m.group(1).equals("*")) {
        if (m.group(2) == null) {
          return new ScheduleExpression(expression, Duration.ofHours(1), 0);
        }
      } else {
        int hour = Integer.parseInt(m.group(1));
        int every = m.group(2) == null ? 24 : Integer.parseInt(m.group(2));
        if (hour < 24 && every >= 1 && every <= 24 && 24 % every == 0) {
          return new ScheduleExpression(expression, Duration.ofHours(every), hour % every);
        }
      }
    }
    throw new IllegalArgumentException(
        "ScheduleExpression: '"
            + expression
            + "' (expected: cron(0 * ? * * *) hourly, cron(0 H ? * * *) daily at hour H UTC, or"
            + " cron(0 H/N ? * * *) every N hours, N dividing 24)");
  }

  /** The latest window that ended at or before {@code t}. */
  public MonitoringWindow lastWindowBy(Instant t) {
    Instant hour = t.truncatedTo(ChronoUnit.HOURS);
    long hours = period.toHours();
    long sinceEpoch = hour.getEpochSecond() / 3600;
    long end = sinceEpoch - Math.floorMod(sinceEpoch - offsetHours, hours);
    Instant endTime = Instant.ofEpochSecond(end * 3600);
    return new MonitoringWindow(endTime.minus(period), endTime);
  }

  /** The window before {@code window}. */
  public MonitoringWindow previous(MonitoringWindow window) {
    return new MonitoringWindow(window.start().minus(period), window.start());
  }
}
