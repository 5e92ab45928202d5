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

  private OfflineLayout() {}

  /** The partition folder of an event time: {@code year=YYYY/month=MM/day=DD/hour=HH}. */
  static String partition(long eventTimeMicros) {
    LocalDateTime t = toUtc(eventTimeMicros);
    return String.format(
        Locale.ROOT,
        "year=%04d/month=%02d/day=%02d/hour=%02d",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour());
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
        + NAME_TIME.format(toUtc(latestEventTimeMicros))
        + "_"
        + tag(groupId, writeTimeMicros, sequences)
        + ".parquet";
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
    byte[] hash = digest.digest(buffer.array());
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
