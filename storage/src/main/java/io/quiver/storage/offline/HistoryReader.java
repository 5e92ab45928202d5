package io.quiver.storage.offline;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.internal.catalog.Catalog;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.objectstore.ObjectStore;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import io.quiver.storage.offline.FlushJournal.Entry;
import io.quiver.storage.offline.FlushJournal.WrittenFile;
import io.quiver.storage.offline.FlushManifest.PlannedFile;
import io.quiver.storage.parquet.DecodedFileCache;
import io.quiver.storage.record.StoredRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/*
 * Design: a flush writes its files, then removes their staged entries in one commit; its manifest
 * (planned file keys and the sequence numbers in each) is persisted before the first file is
 * written and removed by that commit, which also appends the flush to the journal. A snapshot
 *   1. reads the journal's last counter C0 (view 0),
 *   2. lists the group's files (time T),
 *   3. reads, in one view S: the journal after C0, the pending manifests, the staged entries;
 * then takes the listed files plus the files of flushes completed after C0 (they may have been
 * written after T), minus the files of bulk loads pending at S, and the staged entries minus those
 * of pending manifests whose file was listed.
 * Every record acknowledged before S is then exactly once in the result:
 *   - staged at S, no pending manifest covers it: no file holds it (a file exists only once its
 *     manifest does, and the entry leaves staging only when that manifest completes);
 *   - staged at S in a pending manifest: its file was either listed (entry dropped) or not (kept);
 *   - flushed before S: its file existed before its commit; a commit before view 0 precedes T, so
 *     the file was listed; a commit after it is in the journal after C0.
 * A bulk load's files are hidden while its manifest exists: the manifest is persisted before the
 * first file is written and deleted only once the load has committed (after its online marker) or
 * its files were removed, so a listed file whose load is pending at S belongs to a load not yet
 * committed, and a load taken back (at open, after a crash) is never seen. The deletion of a
 * manifest also records the load's id as the last ended; if that changed between view 0 and S, a
 * load ended during the listing (which may then hold some of its files, or files since removed)
 * and the snapshot is taken again.
 * No lock is taken, so readers never wait for a flush (which may be uploading to S3) and work from
 * another process. The journal keeps FlushJournal.RETAINED flushes; if more completed between the
 * two views, the snapshot is taken again.
 */

/**
 * The {@link OfflineHistory} of a data directory, over consistent views of its RocksDB state and
 * listings of its object stores. Thread-safe.
 */
final class HistoryReader implements OfflineHistory {
  private static final int ATTEMPTS = 5;

  /** Opens consistent views of the offline store's state. */
  @FunctionalInterface
  interface Views {
    OfflineStateView open();
  }

  private final Views views;
  private final Supplier<List<FeatureGroup>> groups;
  private final DecodedFileCache decoded;
  private final ObjectStoreResolver stores;

  /**
   * @param groups the catalog's groups, current when called
   * @param decoded the cache files are read through
   */
  HistoryReader(
      Views views,
      Supplier<List<FeatureGroup>> groups,
      ObjectStoreResolver stores,
      DecodedFileCache decoded) {
    this.views = views;
    this.groups = groups;
    this.stores = stores;
    this.decoded = decoded;
  }

  @Override
  public List<FeatureGroup> featureGroups() {
    return groups.get();
  }

  @Override
  public OfflineSnapshot snapshot(String nameOrArn) {
    String name = Catalog.toName(nameOrArn);
    FeatureGroup group =
        groups.get().stream()
            .filter(g -> g.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name "
                            + nameOrArn));
    OfflineStoreConfig config = group.spec().offlineStoreConfig();
    if (config == null) {
      throw new ValidationException(
          "Cannot read the offline history of feature group "
              + group.name()
              + ": it has no offline store (it was created without an OfflineStoreConfig, so its"
              + " records are kept online only)");
    }
    ObjectStore store = stores.resolve(config.s3Uri());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long before;
      byte[] bulkBefore;
      try (OfflineStateView view = views.open()) {
        before = view.lastFlush();
        bulkBefore = view.lastEndedBulkLoad();
      }
      List<OfflineFile> listed = OfflineLayout.list(store, group);
      try (OfflineStateView view = views.open()) {
        List<Entry> completed = view.flushesAfter(before);
        if (completed != null && Arrays.equals(bulkBefore, view.lastEndedBulkLoad())) {
          return snapshot(group, store, listed, completed, view);
        }
      }
    }
    throw new StorageException(
        "Cannot take a consistent snapshot of feature group "
            + group.name()
            + ": the offline store completed more than "
            + FlushJournal.RETAINED
            + " flushes, or a bulk load ended, while its files were listed, "
            + ATTEMPTS
            + " times; retry");
  }

  private OfflineSnapshot snapshot(
      FeatureGroup group,
      ObjectStore store,
      List<OfflineFile> listed,
      List<Entry> completed,
      OfflineStateView view) {
    Map<String, OfflineFile> files = new TreeMap<>();
    listed.forEach(f -> files.put(f.key(), f));
    for (Entry entry : completed) {
      for (WrittenFile file : entry.files()) {
        if (file.groupId() == group.id()) {
          files.putIfAbsent(
              file.key(), new OfflineFile(store.uriOf(file.key()), file.key(), file.sizeBytes()));
        }
      }
    }
    for (BulkManifest load : view.pendingBulkLoads()) {
      if (load.groupId() == group.id()) {
        load.fileKeys().forEach(files::remove);
      }
    }
    SortedMap<Long, byte[]> staged = view.staged(group.id());
    for (FlushManifest manifest : view.pendingManifests()) {
      for (PlannedFile planned : manifest.files()) {
        if (planned.groupId() == group.id() && files.containsKey(planned.key())) {
          for (long sequence : planned.sequences()) {
            staged.remove(sequence);
          }
        }
      }
    }
    List<StoredRecord> records = new ArrayList<>(staged.size());
    for (byte[] record : staged.values()) {
      records.add(RecordCodec.decode(record, group, null));
    }
    return OfflineSnapshot.of(
        group,
        new ArrayList<>(files.values()),
        records,
        file -> store.open(file.key(), file.sizeBytes()),
        decoded);
  }
}
