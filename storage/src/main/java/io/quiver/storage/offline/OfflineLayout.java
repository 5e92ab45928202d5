package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.objectstore.ObjectStore;
import io.quiver.storage.objectstore.StoredObject;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SageMaker's offline store layout: hourly partitions of event time below a group's data folder,
 * and file names {@code <yyyyMMdd'T'HHmmss'Z' of the latest event time in the file>_<16
 * alphanumerics>.parquet}. Quiver derives the 16 characters from the file's content plan (group,
 * write time, staged sequence numbers) instead of drawing them at random, so that a re-run flush
 * writes the same names. Also the one listing of a group's files, and when a file's partition
 * folder can be trusted for pruning. Stateless.
 */
final class OfflineLayout {
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT);
  private static final char[] ALPHANUMERICS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  /** One hour in microseconds. */
  static final long HOUR_MICROS = 3_600_000_000L;

  private static final Pattern NAMED_FILE =
      Pattern.compile(
          "year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/hour=(\\d{2})/"
              + "(\\d{8}T\\d{6}Z)_[0-9A-Za-z]{16}\\.parquet");

  private OfflineLayout() {}

  /**
   * The Parquet files of {@code group} in {@code store}, sorted by key, leaving out what Spark and
   * Hadoop write next to them ({@code _SUCCESS}, {@code .crc}, {@code _temporary/}) and Quiver's
   * own temporary files: every name and folder starting with {@code .} or {@code _}.
   */
  static List<OfflineFile> list(ObjectStore store, FeatureGroup group) {
    String folder = group.offlineStoreDataPath();
    List<OfflineFile> files = new ArrayList<>();
    for (StoredObject object : store.list(folder)) {
      if (isDataFile(object.key().substring(folder.length() + 1))) {
        files.add(new OfflineFile(object.uri(), object.key(), object.sizeBytes()));
      }
    }
    return files;
  }

  private static boolean isDataFile(String relative) {
    for (String segment : relative.split("/")) {
      if (segment.startsWith(".") || segment.startsWith("_")) {
        return false;
      }
    }
    return relative.endsWith(".parquet");
  }

  /**
   * The start of the event-time hour that every row of the file at {@code key} belongs to, when
   * that can be told from the key alone; else {@link Long#MIN_VALUE}. It can for files named as
   * Quiver (and SageMaker) name them, whose name holds their latest event time, when that time lies
   * in the hour of their partition folder: a file Quiver wrote, whose rows all share that hour.
   * Other writers may name folders differently (in a local time zone, say), so their files are
   * never pruned by folder.
   */
  static long trustedHourStart(String key) {
    int data = key.lastIndexOf("/data/");
    Matcher m = NAMED_FILE.matcher(data < 0 ? key : key.substring(data + "/data/".length()));
    if (!m.matches()) {
      return Long.MIN_VALUE;
    }
    LocalDateTime hour;
    LocalDateTime latest;
    try {
      hour =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              0);
      latest = LocalDateTime.parse(m.group(5), NAME_TIME);
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
    if (!latest.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
      return Long.MIN_VALUE;
    }
    return hour.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
  }

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
    return Math.floorDiv(eventTimeMicros, HOUR_MICROS);
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
