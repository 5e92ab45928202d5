package io.quiver.query.parquet;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event-time hour a file belongs to, read from its hive path ({@code
 * year=YYYY/month=MM/day=DD/hour=HH}). Stateless.
 */
public final class HourPartition {
  private static final Pattern HIVE =
      Pattern.compile(".*year=(\\d{4})/month=(\\d{1,2})/day=(\\d{1,2})/hour=(\\d{1,2})/[^/]*");

  /** One hour in microseconds. */
  public static final long HOUR_MICROS = 3_600_000_000L;

  private HourPartition() {}

  /**
   * The start of the file's hour in microseconds since the epoch, or {@link Long#MIN_VALUE} if the
   * path has no hive partition (such a file is never pruned).
   */
  public static long startMicros(Path file) {
    Matcher m = HIVE.matcher(file.toString().replace('\\', '/'));
    if (!m.matches()) {
      return Long.MIN_VALUE;
    }
    LocalDateTime hour =
        LocalDateTime.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)),
            0);
    return hour.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
  }

  /**
   * Whether a file of the hour starting at {@code startMicros} may hold event times in the closed
   * range {@code [fromMicros, toMicros]}.
   */
  public static boolean overlaps(long startMicros, long fromMicros, long toMicros) {
    if (startMicros == Long.MIN_VALUE) {
      return true;
    }
    return startMicros <= toMicros && startMicros + HOUR_MICROS > fromMicros;
  }
}
