package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.internal.catalog.Catalog;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.internal.staging.StagingListener;
import io.quiver.storage.internal.staging.StagingLog;
import io.quiver.storage.objectstore.ObjectStore;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import io.quiver.storage.offline.FlushJournal.Entry;
import io.quiver.storage.offline.FlushJournal.WrittenFile;
import io.quiver.storage.offline.FlushManifest.PlannedFile;
import io.quiver.storage.offline.FlushPlanner.StagedEntry;
import io.quiver.storage.parquet.DecodedFileCache;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: one flush at a time, under flushLock. A flush
 *   1. completes any manifest left by an interrupted flush (recover), then repeatedly
 *   2. selects a batch of staged entries in key order (an iterator is a consistent view),
 *   3. plans its files (FlushPlanner, a pure function) and persists the plan as a manifest,
 *   4. writes every file (complete or invisible: ObjectStore.put),
 *   5. deletes exactly the staged keys it wrote and the manifest in ONE write batch, raising the
 *      sequence floor and appending the files to the flush journal in the same batch.
 * Invariants: a staged entry is in at most one manifest; it leaves staging only together with the
 * manifest that wrote it; a manifest fixes names, rows and write_time, so re-running step 4 after a
 * crash anywhere in 3..5 rewrites identical files under identical names (the overwrite is harmless).
 * Staged keys are selected explicitly, never deleted by range: a writer that took a smaller
 * sequence number may commit after a larger one was flushed.
 */

/**
 * The {@link OfflineStore} writing Parquet files through object stores; see the interface.
 *
 * <p>Size: over the house limit because the flush protocol (select, plan, persist, write, commit,
 * recover) is one state machine over one lock and reads best in one place; planning, layout,
 * manifest format, Parquet encoding and triggers live in their own classes.
 */
final class ParquetOfflineStore implements OfflineStore {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetOfflineStore.class);
  private static final byte[] SEQUENCE_FLOOR_KEY = "meta/sequence-floor".getBytes(UTF_8);
  private static final byte[] MANIFEST_PREFIX = FlushManifest.KEY_PREFIX.getBytes(UTF_8);
  private static final int FILE_WRITERS = 8;
  private static final int SELECT_BUFFER_BYTES = 64 << 10;

  private final RocksDB db;
  private final ColumnFamilyHandle staging;
  private final ColumnFamilyHandle offline;
  private final WriteOptions writeOptions;
  private final Catalog catalog;
  private final OfflineStoreSettings settings;
  private final ObjectStoreResolver stores;
  private final FlushTrigger trigger;
  private final ReentrantLock flushLock = new ReentrantLock();
  private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
  // Several files of a flush are written at once: each put waits for its fsyncs.
  private final ExecutorService fileWriters =
      Executors.newFixedThreadPool(
          FILE_WRITERS,
          r -> {
            Thread t = new Thread(r, "quiver-offline-file-writer");
            t.setDaemon(true);
            return t;
          });
  // Encoders keep their compressor between files: one per thread encoding or putting a file at a
  // time (a writer lends its buffer to the put; a local folder writes the file from it as is).
  private final Queue<OfflineFileWriter> encoders = new ConcurrentLinkedQueue<>();
  private final Set<Long> unknownGroups = new HashSet<>();
  private final long batchBytes;
  private final HistoryReader history;
  private volatile long sequenceFloor;
  private long lastFlush;
  private volatile @Nullable Thread flusher;
  private volatile boolean stopping;
  private long firstSequence = Long.MAX_VALUE;
  private boolean recovered;
  private boolean closed;

  private ParquetOfflineStore(
      RocksDB db,
      ColumnFamilyHandle staging,
      ColumnFamilyHandle offline,
      WriteOptions writeOptions,
      Catalog catalog,
      OfflineStoreSettings settings,
      long sequenceFloor,
      long lastFlush) {
    this.db = db;
    this.staging = staging;
    this.offline = offline;
    this.writeOptions = writeOptions;
    this.catalog = catalog;
    this.settings = settings;
    this.stores = new ObjectStoreResolver(settings.s3());
    this.sequenceFloor = sequenceFloor;
    this.lastFlush = lastFlush;
    this.history =
        new HistoryReader(
            this::openView,
            catalog::list,
            stores,
            new DecodedFileCache(settings.decodedCacheBytes()));
    this.batchBytes = Math.max(settings.maxFileBytes(), 1L << 20) * 2;
    long slack = 2 * settings.checkInterval().toMillis();
    this.trigger =
        new FlushTrigger(
            settings.maxFileBytes(),
            Math.max(0, settings.flushAge().toMillis() - slack),
            settings.clock(),
            () -> wakeups.offer(Boolean.TRUE));
  }

  static ParquetOfflineStore open(
      RocksDB db,
      ColumnFamilyHandle staging,
      ColumnFamilyHandle offline,
      WriteOptions writeOptions,
      Catalog catalog,
      OfflineStoreSettings settings) {
    long floor;
    long lastFlush;
    try (OfflineStateView view = new OfflineStateView(db, staging, offline, () -> {})) {
      byte[] value = db.get(offline, SEQUENCE_FLOOR_KEY);
      floor = value == null ? 1 : ByteBuffer.wrap(value).getLong();
      lastFlush = view.lastFlush();
    } catch (RocksDBException e) {
      throw new StorageException("Cannot open the offline store: its state cannot be read", e);
    }
    return new ParquetOfflineStore(
        db, staging, offline, writeOptions, catalog, settings, floor, lastFlush);
  }

  @Override
  public long sequenceFloor() {
    return sequenceFloor;
  }

  @Override
  public StagingListener stagingListener() {
    return trigger;
  }

  @Override
  public synchronized void start(long firstSequence) {
    if (flusher != null || closed) {
      throw new IllegalStateException(
          "Cannot start the offline flusher: it is already started or closed");
    }
    this.firstSequence = firstSequence;
    // Here, before the store accepts writes: from the flusher thread, a group deleted right after
    // open could be retired after the staging scan and dropped with rows still staged.
    // What an earlier run left staged is flushed here too, so the first flush never races the
    // new writes (a file boundary would then depend on timing). If it fails (an unreachable
    // bucket, say), the store still opens and the flusher retries.
    boolean flushedLeftovers;
    flushLock.lock();
    try {
      purgeRetiredGroups();
      flushAllLocked();
      flushedLeftovers = true;
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot flush what an earlier run staged; it stays staged and the flusher retries", e);
      flushedLeftovers = false;
    } finally {
      flushLock.unlock();
    }
    boolean retryLeftovers = !flushedLeftovers;
    Thread thread = new Thread(() -> runFlusher(retryLeftovers), "quiver-offline-flusher");
    thread.setDaemon(true);
    flusher = thread;
    thread.start();
  }

  private void runFlusher(boolean flushFirst) {
    boolean firstRound = flushFirst;
    long retryMillis = settings.checkInterval().toMillis();
    while (!stopping) {
      try {
        if (firstRound || trigger.due()) {
          flushLock.lock();
          try {
            flushAllLocked();
          } finally {
            flushLock.unlock();
          }
          firstRound = false;
        }
        retryMillis = settings.checkInterval().toMillis();
      } catch (RuntimeException e) {
        retryMillis = Math.min(Math.max(retryMillis * 2, 100), 30_000);
        LOG.warn(
            "Cannot flush staged records to the offline store; they stay staged, retrying in {} ms",
            retryMillis,
            e);
      }
      try {
        wakeups.poll(retryMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public long backlogBytes() {
    return Math.max(0, trigger.pendingBytes());
  }

  @Override
  public void flush(FlushProgress progress) {
    flushLock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("Cannot flush: the offline store is closed");
      }
      flushAllLocked(progress);
    } finally {
      flushLock.unlock();
    }
  }

  private void flushAllLocked() {
    flushAllLocked(FlushProgress.silent());
  }

  private void flushAllLocked(FlushProgress progress) {
    try {
      flushAllOnce(new ProgressCounter(progress, Math.max(1, trigger.pendingBytes())));
    } catch (RuntimeException e) {
      // A failed flush may leave its manifest behind: the next flush must complete it first, with
      // the same names, before selecting anything new.
      recovered = false;
      throw e;
    }
  }

  private void flushAllOnce(ProgressCounter progress) {
    recoverLocked();
    long token = trigger.flushStarting();
    byte[] after = null;
    while (true) {
      Selection selection = select(after);
      if (selection.entries().isEmpty()) {
        trigger.drained(token);
        return;
      }
      long writeTime = ChronoUnit.MICROS.between(Instant.EPOCH, settings.clock().instant());
      List<PlannedFile> files =
          FlushPlanner.plan(
              selection.entries(),
              id -> group(id).offlineStoreDataPath(),
              writeTime,
              settings.maxFileRows(),
              settings.maxFileBytes());
      FlushManifest manifest =
          new FlushManifest(selection.entries().get(0).sequence(), writeTime, files);
      put(manifest.key(), manifest.encode(), "Cannot persist flush manifest " + manifest.id());
      Map<Long, StagedEntry> bySequence = new HashMap<>();
      selection.entries().forEach(e -> bySequence.put(e.sequence(), e));
      complete(manifest, bySequence, progress);
      trigger.flushed(selection.bytesOfThisRun());
      progress.flushedBytes(selection.bytesOfThisRun());
      after = selection.lastKey();
    }
  }

  /** Completes the manifests an interrupted flush left, once per open. */
  private void recoverLocked() {
    if (recovered) {
      return;
    }
    List<FlushManifest> pending = new ArrayList<>();
    try (RocksIterator it = db.newIterator(offline)) {
      for (it.seek(MANIFEST_PREFIX);
          it.isValid() && startsWith(it.key(), MANIFEST_PREFIX);
          it.next()) {
        long id = ByteBuffer.wrap(it.key(), MANIFEST_PREFIX.length, Long.BYTES).getLong();
        pending.add(FlushManifest.decode(id, it.value()));
      }
    }
    for (FlushManifest manifest : pending) {
      LOG.info(
          "Completing interrupted offline flush {} ({} files)",
          manifest.id(),
          manifest.files().size());
      complete(manifest, readEntries(manifest), new ProgressCounter(FlushProgress.silent(), 1));
    }
    recovered = true;
  }

  private Map<Long, StagedEntry> readEntries(FlushManifest manifest) {
    Map<Long, StagedEntry> entries = new HashMap<>();
    try {
      for (PlannedFile file : manifest.files()) {
        for (long sequence : file.sequences()) {
          byte[] value = db.get(staging, StagingLog.key(sequence));
          if (value == null) {
            throw new StorageException(
                "Cannot complete flush manifest "
                    + manifest.id()
                    + ": staged entry "
                    + sequence
                    + " is missing");
          }
          entries.put(sequence, entry(sequence, value));
        }
      }
    } catch (RocksDBException e) {
      throw new StorageException(
          "Cannot read the staged entries of flush manifest " + manifest.id(), e);
    }
    return entries;
  }

  /**
   * Writes the manifest's files, several at a time (each put waits for its fsyncs), then removes
   * its staged entries and itself in one batch.
   */
  private void complete(
      FlushManifest manifest, Map<Long, StagedEntry> entries, ProgressCounter progress) {
    long maxSequence = 0;
    List<Future<WrittenFile>> writes = new ArrayList<>(manifest.files().size());
    for (PlannedFile file : manifest.files()) {
      FeatureGroup group = group(file.groupId());
      for (long sequence : file.sequences()) {
        maxSequence = Math.max(maxSequence, sequence);
      }
      writes.add(
          fileWriters.submit(
              () -> {
                List<byte[]> rows = new ArrayList<>(file.sequences().length);
                for (long sequence : file.sequences()) {
                  // the manifest was planned from these entries
                  rows.add(requireNonNull(entries.get(sequence)).record());
                }
                ObjectStore store = storeOf(group);
                int length =
                    encode(
                        group,
                        new StagedFileRows(group, rows, manifest.writeTimeMicros()),
                        slices -> store.put(file.key(), slices));
                progress.wroteFile(rows.size());
                return new WrittenFile(group.id(), file.key(), length);
              }));
    }
    List<WrittenFile> written = awaitAll(writes, manifest);
    long floor = Math.max(sequenceFloor, maxSequence + 1);
    long counter = lastFlush + 1;
    try (WriteBatch batch = new WriteBatch()) {
      deleteStaged(batch, manifest);
      batch.delete(offline, manifest.key());
      batch.put(
          offline, SEQUENCE_FLOOR_KEY, ByteBuffer.allocate(Long.BYTES).putLong(floor).array());
      // Readers learn from the journal which files flushes completed while they listed files.
      batch.put(
          offline, FlushJournal.key(counter), FlushJournal.encode(new Entry(counter, written)));
      if (counter > FlushJournal.RETAINED) {
        batch.delete(offline, FlushJournal.key(counter - FlushJournal.RETAINED));
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot commit offline flush " + manifest.id(), e);
    }
    sequenceFloor = floor;
    lastFlush = counter;
  }

  /**
   * Waits for every write and returns their results in order; the first failure is rethrown once
   * all have ended.
   */
  private static <T> List<T> awaitAll(List<Future<T>> writes, FlushManifest manifest) {
    List<T> results = new ArrayList<>(writes.size());
    RuntimeException failure = null;
    boolean interrupted = false;
    for (Future<T> write : writes) {
      try {
        results.add(write.get());
      } catch (InterruptedException e) {
        interrupted = true;
        if (failure == null) {
          failure = new StorageException("Cannot finish offline flush " + manifest.id(), e);
        }
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException runtime
                  ? runtime
                  : new StorageException(
                      "Cannot write a file of offline flush " + manifest.id(), e.getCause());
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  /**
   * Counts a flush's files and rows for its {@link FlushProgress}; thread-safe, and reports in
   * order although several threads write files: a listener never sees a count go back.
   */
  private static final class ProgressCounter {
    private final FlushProgress progress;
    private final long pendingBytes;
    private long files;
    private long rows;
    private long bytes;

    ProgressCounter(FlushProgress progress, long pendingBytes) {
      this.progress = progress;
      this.pendingBytes = pendingBytes;
    }

    synchronized void wroteFile(int rowCount) {
      rows += rowCount;
      progress.onProgress(++files, rows, Math.min(1.0, (double) bytes / pendingBytes));
    }

    synchronized void flushedBytes(long flushed) {
      bytes += flushed;
    }
  }

  /**
   * Adds to {@code batch} the removal of the manifest's staged entries: one range delete per run of
   * consecutive sequence numbers (a run holds only this manifest's entries, since numbers are never
   * reused), so a flush leaves a few tombstones rather than one per row.
   */
  private void deleteStaged(WriteBatch batch, FlushManifest manifest) throws RocksDBException {
    int count = 0;
    for (PlannedFile file : manifest.files()) {
      count += file.sequences().length;
    }
    long[] sequences = new long[count];
    int next = 0;
    for (PlannedFile file : manifest.files()) {
      System.arraycopy(file.sequences(), 0, sequences, next, file.sequences().length);
      next += file.sequences().length;
    }
    Arrays.sort(sequences);
    int start = 0;
    while (start < sequences.length) {
      int end = start + 1;
      while (end < sequences.length && sequences[end] == sequences[end - 1] + 1) {
        end++;
      }
      if (end - start == 1) {
        batch.delete(staging, StagingLog.key(sequences[start]));
      } else {
        batch.deleteRange(
            staging, StagingLog.key(sequences[start]), StagingLog.key(sequences[end - 1] + 1));
      }
      start = end;
    }
  }

  /** Entries in key order after {@code after}, up to about {@link #batchBytes}. */
  private Selection select(byte @Nullable [] after) {
    List<StagedEntry> entries = new ArrayList<>();
    long bytes = 0;
    long bytesOfThisRun = 0;
    byte[] lastKey = after;
    // Each value is read into one direct buffer and its record copied out of it: one copy and one
    // array per entry fewer than reading the value into an array and copying the record from it.
    ByteBuffer value = ByteBuffer.allocateDirect(SELECT_BUFFER_BYTES);
    try (RocksIterator it = db.newIterator(staging)) {
      if (after == null) {
        it.seekToFirst();
      } else {
        it.seek(after);
        if (it.isValid() && Arrays.equals(it.key(), after)) {
          it.next();
        }
      }
      for (; it.isValid() && bytes < batchBytes; it.next()) {
        byte[] key = it.key();
        value.clear();
        int valueLength = it.value(value);
        if (valueLength > value.capacity()) {
          value = ByteBuffer.allocateDirect(Math.max(valueLength, value.capacity() * 2));
          it.value(value);
        }
        lastKey = key;
        long sequence = StagingLog.sequenceOf(key);
        long groupId = value.getLong(0);
        if (catalog.findById(groupId).isEmpty()) {
          if (unknownGroups.add(groupId)) {
            LOG.error(
                "Staged records of unknown feature group id {} stay staged (first: {})",
                groupId,
                sequence);
          }
          continue;
        }
        byte[] record = new byte[valueLength - StagingLog.VALUE_PREFIX_BYTES];
        value.get(StagingLog.VALUE_PREFIX_BYTES, record);
        entries.add(
            new StagedEntry(sequence, groupId, RecordCodec.eventTimeMicros(record), record));
        bytes += key.length + valueLength;
        if (sequence >= firstSequence) {
          bytesOfThisRun += key.length + valueLength;
        }
      }
    }
    return new Selection(entries, lastKey, bytesOfThisRun);
  }

  private static StagedEntry entry(long sequence, byte[] value) {
    byte[] record = StagingLog.recordOf(value);
    return new StagedEntry(
        sequence, StagingLog.groupIdOf(value), RecordCodec.eventTimeMicros(record), record);
  }

  /**
   * A batch of staged entries in key order, the last key looked at, and the bytes staged by this
   * run.
   */
  private record Selection(
      List<StagedEntry> entries, byte @Nullable [] lastKey, long bytesOfThisRun) {}

  private void purgeRetiredGroups() {
    Set<Long> referenced = new HashSet<>();
    try (RocksIterator it = db.newIterator(staging)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        referenced.add(StagingLog.groupIdOf(it.value()));
      }
    }
    int dropped = catalog.purgeRetired(referenced);
    if (dropped > 0) {
      LOG.debug("Dropped {} retired feature group definitions with nothing staged", dropped);
    }
  }

  private FeatureGroup group(long id) {
    return catalog
        .findById(id)
        .orElseThrow(
            () ->
                new StorageException(
                    "Cannot flush staged records of feature group id "
                        + id
                        + ": the catalog does not know it"));
  }

  private ObjectStore storeOf(FeatureGroup group) {
    OfflineStoreConfig config = group.spec().offlineStoreConfig();
    if (config == null) {
      throw new IllegalArgumentException(
          "group: " + group.name() + " (expected: a feature group with an offline store)");
    }
    return stores.resolve(config.s3Uri());
  }

  @Override
  public String bulkFileKey(
      FeatureGroup group,
      long latestEventTimeMicros,
      long writeTimeMicros,
      long loadId,
      int fileIndex) {
    // Negative "sequences" cannot collide with a flush's, whose sequence numbers are positive.
    return OfflineLayout.fileKey(
        group.offlineStoreDataPath(),
        group.id(),
        latestEventTimeMicros,
        writeTimeMicros,
        new long[] {-loadId, -1L - fileIndex});
  }

  @Override
  public void writeBulkFile(
      FeatureGroup group,
      String key,
      List<ColumnBatch> batches,
      long[] rows,
      long writeTimeMicros,
      long apiInvocationMicros) {
    ObjectStore store = storeOf(group);
    encode(
        group,
        new BatchFileRows(batches, rows, writeTimeMicros, apiInvocationMicros),
        slices -> store.putWithoutSync(key, slices));
  }

  @Override
  public void syncBulkFiles(String baseUri, List<String> keys) {
    stores.resolve(baseUri).sync(keys);
  }

  /**
   * Encodes one file with a writer of the pool (one per thread writing at a time) and gives it to
   * {@code sink} (see {@link OfflineFileWriter#write(FeatureGroup, OfflineFileWriter.FileRows,
   * Consumer)}); returns its length.
   */
  private int encode(
      FeatureGroup group, OfflineFileWriter.FileRows rows, Consumer<ByteBuffer[]> sink) {
    OfflineFileWriter writer = encoders.poll();
    if (writer == null) {
      writer = new OfflineFileWriter(settings.codec());
    }
    try {
      return writer.write(group, rows, sink);
    } finally {
      encoders.add(writer);
    }
  }

  @Override
  public void deleteBulkFiles(String baseUri, List<String> keys) {
    ObjectStore store = stores.resolve(baseUri);
    for (String key : keys) {
      store.delete(key);
    }
  }

  @Override
  public void checkLocation(String baseUri) {
    ObjectStoreResolver.check(baseUri);
  }

  @Override
  public List<OfflineFile> listFiles(FeatureGroup group) {
    // Loads pending before or after the listing are both left out: one that commits meanwhile is
    // listed as before its commit, one taken back meanwhile (its files deleted) not at all.
    Set<String> loading = pendingBulkFiles(group);
    List<OfflineFile> listed = OfflineLayout.list(storeOf(group), group);
    loading.addAll(pendingBulkFiles(group));
    if (loading.isEmpty()) {
      return listed;
    }
    List<OfflineFile> committed = new ArrayList<>(listed.size());
    for (OfflineFile file : listed) {
      if (!loading.contains(file.key())) {
        committed.add(file);
      }
    }
    return committed;
  }

  /** The keys of the files of {@code group}'s bulk loads that have not committed. */
  private Set<String> pendingBulkFiles(FeatureGroup group) {
    Set<String> keys = new HashSet<>();
    try (OfflineStateView view = openView()) {
      for (BulkManifest load : view.pendingBulkLoads()) {
        if (load.groupId() == group.id()) {
          keys.addAll(load.fileKeys());
        }
      }
    }
    return keys;
  }

  @Override
  public OfflineHistory history() {
    return history;
  }

  /** A view of the live database as of now. */
  private OfflineStateView openView() {
    return new OfflineStateView(db, staging, offline, () -> {});
  }

  @Override
  public byte[] read(FeatureGroup group, OfflineFile file) {
    return storeOf(group).read(file.key());
  }

  private void put(byte[] key, byte[] value, String failure) {
    try {
      db.put(offline, writeOptions, key, value);
    } catch (RocksDBException e) {
      throw new StorageException(failure, e);
    }
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      if (closed || stopping) {
        return;
      }
      stopping = true;
      thread = flusher;
    }
    if (thread != null) {
      wakeups.offer(Boolean.TRUE);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flushLock.lock();
    try {
      flushAllLocked();
    } finally {
      closed = true;
      flushLock.unlock();
      fileWriters.shutdownNow();
      for (OfflineFileWriter encoder; (encoder = encoders.poll()) != null; ) {
        encoder.close();
      }
      stores.close();
    }
  }
}
