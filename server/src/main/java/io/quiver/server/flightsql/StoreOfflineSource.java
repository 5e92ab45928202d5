package io.quiver.server.flightsql;

import io.quiver.query.source.CloseableIterator;
import io.quiver.query.source.OfflineRow;
import io.quiver.query.source.OfflineSource;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.OfflineFile;
import io.quiver.storage.offline.OfflineSnapshot;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.StoredRecord;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live store's offline history as SQL reads it. Each scan takes one {@link OfflineSnapshot} of
 * its group when it asks for the staged rows and is answered the same snapshot's files when it asks
 * for them next, so no record is counted twice or missed across a flush in between (the query
 * engine asks on one thread, staged rows first). Thread-safe.
 */
final class StoreOfflineSource implements OfflineSource {
  private final QuiverStore store;

  /** Files of the snapshot a thread's last staged-rows call took, until its files call. */
  private final Map<SnapshotKey, List<Path>> pendingFiles = new ConcurrentHashMap<>();

  private record SnapshotKey(Thread thread, long group) {}

  StoreOfflineSource(QuiverStore store) {
    this.store = store;
  }

  @Override
  public List<FeatureGroup> featureGroups() {
    return store.listFeatureGroups().stream().filter(g -> g.spec().hasOfflineStore()).toList();
  }

  @Override
  public List<Path> files(FeatureGroup group) {
    List<Path> files = pendingFiles.remove(new SnapshotKey(Thread.currentThread(), group.id()));
    return files != null ? files : paths(group, store.listOfflineFiles(group.name()));
  }

  @Override
  public CloseableIterator<OfflineRow> stagedRows(FeatureGroup group) {
    OfflineSnapshot snapshot = store.offlineSnapshot(group.name());
    pendingFiles.put(
        new SnapshotKey(Thread.currentThread(), group.id()), paths(group, snapshot.files()));
    List<OfflineRow> rows = new ArrayList<>(snapshot.stagedRecords().size());
    for (StoredRecord stored : snapshot.stagedRecords()) {
      rows.add(toRow(group, stored));
    }
    return CloseableIterator.of(rows);
  }

  private static List<Path> paths(FeatureGroup group, List<OfflineFile> files) {
    List<Path> paths = new ArrayList<>(files.size());
    for (OfflineFile file : files) {
      URI uri = URI.create(file.uri());
      if (!"file".equals(uri.getScheme())) {
        throw new ValidationException(
            "Cannot query feature group "
                + group.name()
                + " over Flight SQL: its offline store is at "
                + file.uri()
                + " (expected: a file:// folder)");
      }
      paths.add(Path.of(uri));
    }
    return paths;
  }

  /** A staged record in the SQL mapping; its write time is its invocation time until flushed. */
  private static OfflineRow toRow(FeatureGroup group, StoredRecord stored) {
    List<FeatureDefinition> features = group.features();
    Object[] values = new Object[features.size()];
    for (FeatureValue value : stored.record().values()) {
      int position = group.position(value.featureName());
      values[position] = OfflineRow.sqlValue(features.get(position), value);
    }
    return new OfflineRow(
        values, stored.apiInvocationMicros(), stored.apiInvocationMicros(), stored.deleted());
  }
}
