package io.quiver.storage.offline;

import io.quiver.storage.offline.FlushManifest.PlannedFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Cuts a batch of staged entries into files: one or more per (group, hourly partition of event
 * time), rows ordered by event time then sequence number, each file at most {@code maxFileRows}
 * rows and about {@code maxFileBytes} staged bytes. {@code dataPaths} maps a group id to the
 * group's data folder ({@link io.quiver.storage.catalog.FeatureGroup#offlineStoreDataPath()}). A
 * pure function of its inputs. Stateless.
 */
final class FlushPlanner {
  private FlushPlanner() {}

  /** A staged entry read from the staging log. */
  record StagedEntry(long sequence, long groupId, long eventTimeMicros, byte[] record) {}

  static List<PlannedFile> plan(
      List<StagedEntry> entries,
      LongFunction<String> dataPaths,
      long writeTimeMicros,
      int maxFileRows,
      long maxFileBytes) {
    // Sorted maps: the plan, and so the manifest, does not depend on hash order.
    Map<Long, Map<Long, List<StagedEntry>>> byPartition = new TreeMap<>();
    for (StagedEntry entry : entries) {
      byPartition
          .computeIfAbsent(entry.groupId(), id -> new TreeMap<>())
          .computeIfAbsent(OfflineLayout.hourOf(entry.eventTimeMicros()), p -> new ArrayList<>())
          .add(entry);
    }
    List<PlannedFile> files = new ArrayList<>();
    for (Map.Entry<Long, Map<Long, List<StagedEntry>>> group : byPartition.entrySet()) {
      long groupId = group.getKey();
      String dataPath = dataPaths.apply(groupId);
      for (List<StagedEntry> partition : group.getValue().values()) {
        partition.sort(
            Comparator.comparingLong(StagedEntry::eventTimeMicros)
                .thenComparingLong(StagedEntry::sequence));
        int start = 0;
        while (start < partition.size()) {
          int end = start;
          long bytes = 0;
          while (end < partition.size()
              && end - start < maxFileRows
              && (end == start || bytes < maxFileBytes)) {
            bytes += partition.get(end).record().length;
            end++;
          }
          files.add(file(groupId, dataPath, partition.subList(start, end), writeTimeMicros));
          start = end;
        }
      }
    }
    return files;
  }

  private static PlannedFile file(
      long groupId, String dataPath, List<StagedEntry> rows, long writeTimeMicros) {
    long[] sequences = new long[rows.size()];
    for (int i = 0; i < sequences.length; i++) {
      sequences[i] = rows.get(i).sequence();
    }
    long latest = rows.get(rows.size() - 1).eventTimeMicros();
    return new PlannedFile(
        groupId,
        OfflineLayout.fileKey(dataPath, groupId, latest, writeTimeMicros, sequences),
        sequences);
  }
}
