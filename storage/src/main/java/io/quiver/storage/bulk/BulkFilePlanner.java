package io.quiver.storage.bulk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts the accepted rows of a bulk load into offline files as a flush would: one or more files per
 * hourly partition of event time, rows ordered by event time then input order, each file at most
 * {@code maxFileRows} rows and about {@code maxFileBytes} bytes. A pure function of its input.
 * Stateless.
 */
final class BulkFilePlanner {
  private static final long MICROS_PER_HOUR = 3_600_000_000L;

  private BulkFilePlanner() {}

  /**
   * A planned file.
   *
   * @param latestEventMicros the greatest event time of its rows (names the file)
   * @param rows its rows in file order, each {@code segment index << 32 | row}
   */
  record PlannedFile(long latestEventMicros, long[] rows) {}

  static List<PlannedFile> plan(List<BulkSegment> segments, int maxFileRows, long maxFileBytes) {
    // Per hour, the rows in input order: a growing long[] of references.
    Map<Long, long[]> byHour = new HashMap<>();
    Map<Long, Integer> counts = new HashMap<>();
    long rows = 0;
    long bytes = 0;
    for (int s = 0; s < segments.size(); s++) {
      BulkSegment segment = segments.get(s);
      rows += segment.acceptedCount;
      bytes += segment.acceptedBytes;
      for (int r = segment.accepted.nextSetBit(0); r >= 0; r = segment.accepted.nextSetBit(r + 1)) {
        long hour = Math.floorDiv(segment.eventMicros[r], MICROS_PER_HOUR);
        long[] references = byHour.get(hour);
        int count = counts.getOrDefault(hour, 0);
        if (references == null || count == references.length) {
          references = references == null ? new long[16] : Arrays.copyOf(references, count * 2);
          byHour.put(hour, references);
        }
        references[count] = (long) s << 32 | r;
        counts.put(hour, count + 1);
      }
    }
    long bytesPerRow = rows == 0 ? 1 : Math.max(1, bytes / rows);
    List<PlannedFile> files = new ArrayList<>();
    for (Map.Entry<Long, long[]> entry : new TreeMap<>(byHour).entrySet()) {
      long hourStart = entry.getKey() * MICROS_PER_HOUR;
      long[] references = entry.getValue();
      int count = counts.get(entry.getKey());
      // Sort by event time, then input order: the offset in the hour (< 2^32) above the index in
      // this input-ordered list (< 2^31), so one primitive sort does both.
      long[] order = new long[count];
      for (int i = 0; i < count; i++) {
        long offset = eventMicros(segments, references[i]) - hourStart;
        order[i] = offset << 31 | i;
      }
      Arrays.sort(order);
      long[] sorted = new long[count];
      for (int i = 0; i < count; i++) {
        sorted[i] = references[(int) (order[i] & Integer.MAX_VALUE)];
      }
      long maxRows = Math.max(1, Math.min(maxFileRows, maxFileBytes / bytesPerRow));
      for (int start = 0; start < count; start += (int) maxRows) {
        int end = (int) Math.min(count, start + maxRows);
        long[] fileRows = Arrays.copyOfRange(sorted, start, end);
        files.add(new PlannedFile(eventMicros(segments, fileRows[fileRows.length - 1]), fileRows));
      }
    }
    return files;
  }

  private static long eventMicros(List<BulkSegment> segments, long reference) {
    return segments.get((int) (reference >>> 32)).eventMicros[(int) reference];
  }
}
