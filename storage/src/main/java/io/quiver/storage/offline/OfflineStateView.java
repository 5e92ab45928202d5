package io.quiver.storage.offline;

import io.quiver.storage.error.StorageException;
import io.quiver.storage.internal.staging.StagingLog;
import io.quiver.storage.offline.FlushJournal.Entry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The offline store's RocksDB state (staged entries, pending flush and bulk load manifests, the
 * flush journal) as of one instant: the moment the view opened, on a live database, or between two
 * catch-ups of a secondary instance. Not thread-safe; close it to release what it pins.
 *
 * <p>The instant is held by one iterator per column family, made together by {@link
 * RocksDB#newIterators}, which RocksDB makes consistent across families. Not by a RocksDB snapshot:
 * the online family's in-place updates turn snapshots off for the whole database ({@code
 * getSnapshot} returns {@code null}), and a read with none would see each write as it lands, so a
 * record the flusher moves between the two families could be counted twice or not at all.
 */
final class OfflineStateView implements AutoCloseable {
  private static final byte[] MANIFEST_PREFIX =
      FlushManifest.KEY_PREFIX.getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final ReadOptions readOptions;
  private final RocksIterator offline;
  private final RocksIterator staging;
  private final Runnable release;

  /**
   * Opens the view now.
   *
   * @param release run last on close (releases a secondary's lock)
   * @throws StorageException if the database cannot be read
   */
  OfflineStateView(
      RocksDB db, ColumnFamilyHandle staging, ColumnFamilyHandle offline, Runnable release) {
    this.readOptions = new ReadOptions();
    List<RocksIterator> iterators;
    try {
      iterators = db.newIterators(List.of(offline, staging), readOptions);
    } catch (RocksDBException e) {
      readOptions.close();
      throw new StorageException("Cannot read the offline store's state", e);
    }
    this.offline = iterators.get(0);
    this.staging = iterators.get(1);
    this.release = release;
  }

  /** The counter of the last completed flush (0 before the first). */
  long lastFlush() {
    RocksIterator it = offline;
    it.seekForPrev(FlushJournal.key(Long.MAX_VALUE));
    return it.isValid() && startsWith(it.key(), FlushJournal.prefix())
        ? FlushJournal.counterOf(it.key())
        : 0;
  }

  /**
   * The flushes completed after {@code counter}, in order; {@code null} if the journal no longer
   * holds all of them.
   */
  @Nullable List<Entry> flushesAfter(long counter) {
    List<Entry> entries = new ArrayList<>();
    long expected = counter + 1;
    RocksIterator it = offline;
    for (it.seek(FlushJournal.key(expected));
        it.isValid() && startsWith(it.key(), FlushJournal.prefix());
        it.next()) {
      long found = FlushJournal.counterOf(it.key());
      if (found != expected) {
        return null;
      }
      entries.add(FlushJournal.decode(found, it.value()));
      expected++;
    }
    return entries;
  }

  /** The manifests of flushes started and not completed. */
  List<FlushManifest> pendingManifests() {
    List<FlushManifest> manifests = new ArrayList<>();
    RocksIterator it = offline;
    for (it.seek(MANIFEST_PREFIX);
        it.isValid() && startsWith(it.key(), MANIFEST_PREFIX);
        it.next()) {
      long id = ByteBuffer.wrap(it.key(), MANIFEST_PREFIX.length, Long.BYTES).getLong();
      manifests.add(FlushManifest.decode(id, it.value()));
    }
    return manifests;
  }

  /** The manifests of bulk loads started and not completed. */
  List<BulkManifest> pendingBulkLoads() {
    List<BulkManifest> manifests = new ArrayList<>();
    RocksIterator it = offline;
    for (it.seek(BulkManifest.firstKey());
        it.isValid() && BulkManifest.isKey(it.key());
        it.next()) {
      manifests.add(BulkManifest.decode(it.value()));
    }
    return manifests;
  }

  /** The id of the last bulk load that ended, as stored; {@code null} before the first. */
  byte @Nullable [] lastEndedBulkLoad() {
    byte[] key = BulkManifest.lastEndedKey();
    offline.seek(key);
    return offline.isValid() && Arrays.equals(offline.key(), key) ? offline.value() : null;
  }

  /** The encoded records staged for group {@code groupId}, by sequence number. */
  SortedMap<Long, byte[]> staged(long groupId) {
    SortedMap<Long, byte[]> records = new TreeMap<>();
    RocksIterator it = staging;
    for (it.seekToFirst(); it.isValid(); it.next()) {
      byte[] value = it.value();
      if (StagingLog.groupIdOf(value) == groupId) {
        records.put(StagingLog.sequenceOf(it.key()), StagingLog.recordOf(value));
      }
    }
    return records;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public void close() {
    try {
      offline.close();
      staging.close();
      readOptions.close();
    } finally {
      release.run();
    }
  }
}
