package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * SageMaker's offline store layout: hourly partitions of event time below a group's data folder,
 * and file names {@code <yyyyMMdd'T'HHmmss'Z' of the latest event time in the file>_<16
 * alphanumerics>.parquet}. Quiver derives the 16 characters from the file's content plan (group,
 * write time, staged sequence numbers) instead of drawing them at random, so that a re-run flush
 * writes the same names. Stateless.
 */
final class OfflineLayout {
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT);
  private static final char[] ALPHANUMERICS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private static final long MICROS_PER_HOUR = 3_600_000_000L;

  private OfflineLayout() {}

  /** The partition folder of an event time: {@code year=YYYY/month=MM/day=DD/hour=HH}. */
  static String partition(long eventTimeMicros) {
    LocalDateTime t = toUtc(eventTimeMicros);
    // Built by hand, not with String.format: the flusher names a partition per file it plans.
    StringBuilder folder = new StringBuilder(32).append("year=");
    pad(folder, t.getYear(), 4).append("/month=");
    pad(folder, t.getMonthValue(), 2).append("/day=");
    pad(folder, t.getDayOfMonth(), 2).append("/hour=");
    return pad(folder, t.getHour(), 2).toString();
  }

  /** The hour of an event time, counted from the epoch: equal for times of one partition. */
  static long hourOf(long eventTimeMicros) {
    return Math.floorDiv(eventTimeMicros, MICROS_PER_HOUR);
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }

  /** The key of a planned file below the group's base location. */
  static String fileKey(
      String dataPath,
      long groupId,
      long latestEventTimeMicros,
      long writeTimeMicros,
      long[] sequences) {
    return dataPath
        + "/"
        + partition(latestEventTimeMicros)
        + "/"
        + fileName(latestEventTimeMicros, tag(groupId, writeTimeMicros, sequences));
  }

  /** A file name of the layout: the latest event time of the file, {@code _}, the tag. */
  static String fileName(long latestEventTimeMicros, String tag) {
    return NAME_TIME.format(toUtc(latestEventTimeMicros)) + "_" + tag + ".parquet";
  }

  /** 16 alphanumerics from a SHA-256 of the inputs. */
  static String tag(long groupId, long writeTimeMicros, long[] sequences) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot name an offline file: this JVM has no SHA-256", e);
    }
    digest.update("quiver-offline-v1".getBytes(UTF_8));
    ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES * (2 + sequences.length));
    buffer.putLong(groupId).putLong(writeTimeMicros);
    for (long sequence : sequences) {
      buffer.putLong(sequence);
    }
    return alphanumerics(digest.digest(buffer.array()));
  }

  /**
   * 16 alphanumerics from a SHA-256 of {@code seed}, for writers outside the flusher: a prefix of
   * their own keeps their names apart from the flusher's.
   */
  static String tag(String seed) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot name an offline file: this JVM has no SHA-256", e);
    }
    return alphanumerics(digest.digest(("quiver-offline-external-v1/" + seed).getBytes(UTF_8)));
  }

  private static String alphanumerics(byte[] hash) {
    char[] tag = new char[16];
    for (int i = 0; i < tag.length; i++) {
      tag[i] = ALPHANUMERICS[(hash[i] & 0xFF) % ALPHANUMERICS.length];
    }
    return new String(tag);
  }

  private static LocalDateTime toUtc(long micros) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1_000,
        ZoneOffset.UTC);
  }
}
