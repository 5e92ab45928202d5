package io.quiver.storage.bulk;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.bulk.BulkFilePlanner.PlannedFile;
import io.quiver.storage.bulk.BulkProgress.Step;
import io.quiver.storage.bulk.OnlineWinners.Winner;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.internal.online.OnlineTableFormat;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.offline.BulkManifest;
import io.quiver.storage.record.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BloomFilter;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

/**
 * The {@link BulkLoad} of a {@link BulkLoader}; the commit protocol is described there. Rows are
 * held in memory until the commit.
 */
final class RocksBulkLoad implements BulkLoad {
  /**
   * Threads writing offline files: enough to overlap encoding with S3 puts' latency, and locally
   * with the folder and file creations that wait for the file system's journal.
   */
  private static final int WORKERS = 16;

  private final BulkLoader loader;
  private final FeatureGroup group;
  private final long loadId;
  private final long apiInvocationMicros;
  private final ConcurrentSkipListMap<Long, BulkSegment> segments = new ConcurrentSkipListMap<>();
  private final Map<List<String>, ConcurrentLinkedQueue<BulkRowChecker>> checkers =
      new ConcurrentHashMap<>();
  private volatile boolean finished;

  RocksBulkLoad(BulkLoader loader, FeatureGroup group, long loadId, long apiInvocationMicros) {
    this.loader = loader;
    this.group = group;
    this.loadId = loadId;
    this.apiInvocationMicros = apiInvocationMicros;
  }

  @Override
  public FeatureGroup group() {
    return group;
  }

  @Override
  public List<RejectedRow> add(long ordinal, List<String> columns, ColumnBatch batch) {
    checkOpen();
    // A checker keeps parsing state: each concurrent adder takes one from the pool.
    ConcurrentLinkedQueue<BulkRowChecker> pool =
        checkers.computeIfAbsent(List.copyOf(columns), c -> new ConcurrentLinkedQueue<>());
    BulkRowChecker checker = pool.poll();
    if (checker == null) {
      checker = new BulkRowChecker(group, columns);
    }
    try {
      List<RejectedRow> rejected = new ArrayList<>();
      BulkSegment segment = checker.check(ordinal, batch, rejected);
      if (segments.putIfAbsent(ordinal, segment) != null) {
        throw new IllegalArgumentException(
            "ordinal: " + ordinal + " (expected: one not given to an earlier batch)");
      }
      return rejected;
    } finally {
      pool.add(checker);
    }
  }

  @Override
  public BulkLoadSummary commit(BulkProgress progress) {
    checkOpen();
    finished = true;
    List<BulkSegment> ordered = new ArrayList<>(segments.values());
    segments.clear();
    long rows = ordered.stream().mapToLong(s -> s.acceptedCount).sum();
    progress.onProgress(Step.PLANNING, 0, rows);
    if (rows == 0) {
      progress.onProgress(Step.COMMITTED, 0, 0);
      return new BulkLoadSummary(0, 0, 0);
    }
    ExecutorService workers = newWorkers();
    try {
      return commit(ordered, rows, workers, progress);
    } finally {
      workers.shutdownNow();
    }
  }

  /*
   * The commit keeps both cores busy: the online winners are chosen while the files are planned,
   * and the online store's file is written while the offline files are (it is a scratch file until
   * its ingest, which still comes after every offline file is durable).
   */
  private BulkLoadSummary commit(
      List<BulkSegment> ordered, long rows, ExecutorService workers, BulkProgress progress) {
    boolean hasOnline = group.spec().hasOnlineStore();
    OfflineStoreConfig offlineConfig = group.spec().offlineStoreConfig();
    Future<List<Winner>> choosing =
        hasOnline
            ? workers.submit(() -> OnlineWinners.choose(ordered))
            : CompletableFuture.completedFuture(List.of());
    List<PlannedFile> files =
        offlineConfig == null
            ? List.of()
            : BulkFilePlanner.plan(ordered, loader.maxFileRows(), loader.maxFileBytes());
    List<Winner> winners = await(choosing);
    long writeTimeMicros = loader.nowMicros();
    List<String> keys = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      keys.add(
          loader
              .offline()
              .bulkFileKey(group, files.get(i).latestEventMicros(), writeTimeMicros, loadId, i));
    }
    BulkManifest manifest =
        new BulkManifest(
            loadId, group.id(), offlineConfig == null ? null : offlineConfig.s3Uri(), keys);
    loader.persist(manifest);
    boolean committed = false;
    Path sst = loader.workFolder().resolve(loadId + ".sst");
    @Nullable Future<?> writingSst = null;
    try {
      if (hasOnline) {
        Files.createDirectories(loader.workFolder());
        writingSst = workers.submit(() -> writeSst(sst, ordered, winners));
      }
      if (offlineConfig != null) {
        writeFiles(workers, offlineConfig.s3Uri(), ordered, files, keys, writeTimeMicros, progress);
      }
      if (writingSst != null) {
        progress.onProgress(Step.LOADING_ONLINE_STORE, 0, winners.size());
        await(writingSst);
        loadOnline(sst, maxEventMicros(ordered, winners));
        progress.onProgress(Step.LOADING_ONLINE_STORE, winners.size(), winners.size());
      }
      loader.complete(manifest);
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the online file of a bulk load to " + sst, e);
    } finally {
      if (writingSst != null) {
        awaitQuietly(writingSst);
        try {
          Files.deleteIfExists(sst);
        } catch (IOException e) {
          // A scratch file; the next open removes it.
        }
      }
      if (!committed) {
        takeBackQuietly(manifest);
      }
    }
    progress.onProgress(Step.COMMITTED, rows, rows);
    return new BulkLoadSummary(rows, winners.size(), files.size());
  }

  private static ExecutorService newWorkers() {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newFixedThreadPool(
        WORKERS,
        r -> {
          Thread t = new Thread(r, "quiver-bulk-writer-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private void writeFiles(
      ExecutorService workers,
      String baseUri,
      List<BulkSegment> ordered,
      List<PlannedFile> files,
      List<String> keys,
      long writeTimeMicros,
      BulkProgress progress) {
    if (files.isEmpty()) {
      return;
    }
    List<ColumnBatch> batches = new ArrayList<>(ordered.size());
    for (BulkSegment segment : ordered) {
      batches.add(segment.typed);
    }
    FileCount written = new FileCount(progress, Step.WRITING_OFFLINE_FILES, files.size());
    progress.onProgress(Step.WRITING_OFFLINE_FILES, 0, files.size());
    List<Future<?>> pending = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      PlannedFile file = files.get(i);
      String key = keys.get(i);
      pending.add(
          workers.submit(
              () -> {
                loader
                    .offline()
                    .writeBulkFile(
                        group, key, batches, file.rows(), writeTimeMicros, apiInvocationMicros);
                written.add(1);
              }));
    }
    for (Future<?> future : pending) {
      await(future);
    }
    // The files were written without syncs; they become durable here, in one pass on every
    // writer, before the online ingest commits the load (until then, recovery takes them back).
    int slices = Math.min(WORKERS, keys.size());
    FileCount synced = new FileCount(progress, Step.SYNCING_OFFLINE_FILES, keys.size());
    progress.onProgress(Step.SYNCING_OFFLINE_FILES, 0, keys.size());
    pending.clear();
    for (int slice = 0; slice < slices; slice++) {
      List<String> part =
          keys.subList(slice * keys.size() / slices, (slice + 1) * keys.size() / slices);
      pending.add(
          workers.submit(
              () -> {
                loader.offline().syncBulkFiles(baseUri, part);
                synced.add(part.size());
              }));
    }
    for (Future<?> future : pending) {
      await(future);
    }
  }

  /**
   * Counts the files done and reports a count every {@link #REPORTS}th of the total, in order
   * although the files are handled by several threads: a listener never sees the count go back.
   * Threads meet at a lock only to report: one per file would make them queue behind a listener
   * printing to a terminal.
   */
  private static final class FileCount {
    private static final int REPORTS = 200;

    private final BulkProgress progress;
    private final Step step;
    private final int total;
    private final int every;
    private final AtomicInteger done = new AtomicInteger();
    private int reported;

    FileCount(BulkProgress progress, Step step, int total) {
      this.progress = progress;
      this.step = step;
      this.total = total;
      this.every = Math.max(1, total / REPORTS);
    }

    void add(int files) {
      int before = done.getAndAdd(files);
      int now = before + files;
      if (now / every != before / every || now == total) {
        report(now);
      }
    }

    private synchronized void report(int count) {
      if (count > reported) {
        reported = count;
        progress.onProgress(step, count, total);
      }
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("Cannot finish the bulk load: interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StorageException("Cannot write an offline file of the bulk load", e.getCause());
    }
  }

  /** Waits for a task that may still use a file about to be removed; its outcome is not needed. */
  private static void awaitQuietly(Future<?> future) {
    boolean interrupted = false;
    while (true) {
      try {
        future.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException | CancellationException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The greatest event time of the rows that stay online. */
  private static long maxEventMicros(List<BulkSegment> ordered, List<Winner> winners) {
    long max = Long.MIN_VALUE;
    for (Winner winner : winners) {
      max = Math.max(max, ordered.get(winner.segment()).eventMicros[winner.row()]);
    }
    return max;
  }

  /**
   * Ingests the online store's file, written by {@link #writeSst}, if the group is still empty
   * online (step 3 of the protocol). The group's event-time lease is written first, synced, to
   * cover the file's records ({@code maxEventMicros}): a later write above it replaces what its
   * identifier holds unread, after a restart too.
   */
  private void loadOnline(Path sst, long maxEventMicros) {
    Boolean loaded =
        loader
            .online()
            .exclusively(
                () -> {
                  if (!loader.online().isGroupEmpty(group.id())) {
                    return false;
                  }
                  // The file adds values outside the write path: the bound and the lease must
                  // cover them before they are there.
                  loader
                      .online()
                      .loadingEventTimes(group.id(), maxEventMicros, loader.syncedWrites());
                  ingest(sst);
                  return true;
                });
    if (!loaded) {
      throw new ResourceInUseException(
          "Cannot bulk load feature group "
              + group.name()
              + ": records were written to it online while the load ran, so nothing was loaded;"
              + " load again (through PutRecord, as the group now has records)");
    }
  }

  /** Writes the winners and the marker to an SST file. */
  private void writeSst(Path sst, List<BulkSegment> ordered, List<Winner> winners) {
    try (LRUCache cache = new LRUCache(1 << 20);
        BloomFilter bloom = new BloomFilter(OnlineTableFormat.BLOOM_BITS_PER_KEY);
        Options options =
            new Options().setTableFormatConfig(OnlineTableFormat.create(cache, bloom));
        EnvOptions env = new EnvOptions();
        SstFileWriter writer = new SstFileWriter(env, options)) {
      writer.open(sst.toString());
      // The marker sorts first: the group's bare prefix is a prefix of every key of the group.
      writer.put(
          OnlineStore.key(group.id(), ""), ByteBuffer.allocate(Long.BYTES).putLong(loadId).array());
      int[] positions = new int[group.features().size()];
      byte[][] arrays = new byte[positions.length][];
      int[] starts = new int[positions.length];
      int[] ends = new int[positions.length];
      for (Winner winner : winners) {
        BulkSegment segment = ordered.get(winner.segment());
        int row = winner.row();
        int count = 0;
        for (int p = 0; p < positions.length; p++) {
          ColumnVector text = segment.textOf(p);
          if (text == null || text.isNull(row)) {
            continue;
          }
          positions[count] = p;
          arrays[count] = text.utf8Bytes();
          starts[count] = text.utf8Start(row);
          ends[count] = text.utf8End(row);
          count++;
        }
        writer.put(
            winner.key(),
            RecordCodec.encodeScalars(
                segment.eventMicros[row],
                apiInvocationMicros,
                StoredRecord.NEVER,
                count,
                positions,
                arrays,
                starts,
                ends));
      }
      writer.finish();
    } catch (RocksDBException e) {
      throw new StorageException("Cannot write the online file of a bulk load", e);
    }
  }

  private void ingest(Path sst) {
    try (IngestExternalFileOptions options = new IngestExternalFileOptions()) {
      options.setMoveFiles(true);
      loader.db().ingestExternalFile(loader.online().family(), List.of(sst.toString()), options);
    } catch (RocksDBException e) {
      throw new StorageException(
          "Cannot load the online store of feature group " + group.name() + " in bulk", e);
    }
  }

  private void takeBackQuietly(BulkManifest manifest) {
    try {
      loader.takeBack(manifest);
    } catch (QuiverException | UncheckedIOException e) {
      // The manifest stays; the next open takes the load back.
    }
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException(
          "Cannot use bulk load " + loadId + ": it was committed or closed");
    }
  }

  @Override
  public void close() {
    finished = true;
    segments.clear();
  }
}
