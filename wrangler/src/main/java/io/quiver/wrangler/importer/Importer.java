package io.quiver.wrangler.importer;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.bulk.BulkLoad;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.RecordRules;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Imports the rows of a source into a feature group through the PutRecord write path, of a local
 * store or of a Quiver server ({@link RecordSink}).
 *
 * <pre>{@code
 * try (ImportSource source = ImportSource.open("orders/*.csv", SourceOptions.defaults())) {
 *   ImportSummary summary = Importer.create(store, ImportConfig.defaults()).run(source, "orders", ImportListener.silent());
 * }
 * }</pre>
 *
 * <p>Design. The calling thread reads rows, maps each to a {@link Record} and checks it with {@link
 * RecordRules} (the rules PutRecord applies), a batch at a time. Only a batch whose every row
 * passed (or, with {@link OnError#SKIP}, whose bad rows were dropped) is handed to the writer
 * threads, which hand it to the {@link RecordSink} (for a local store, one {@link
 * QuiverStore#putRecords}; for a server, one PutRecords stream). Batches are handed over in input
 * order and at most {@code 2 * writerThreads} are in flight, so reading, checking and writing
 * overlap while memory stays bounded.
 *
 * <p>Guarantees. With {@link OnError#FAIL}, a bad row stops the import before its batch is handed
 * over: every batch before it is committed (the import waits for them), nothing from its batch
 * onward is. Each record's write is atomic and durable, as PutRecord's is. Records of one
 * identifier may be written out of input order across batches: the latest event time wins online
 * whatever the order, and the offline store receives every record. Two records of one identifier
 * with the same event time are therefore resolved by arrival, as two concurrent PutRecords are. A
 * sink that writes one batch at a time ({@link RecordSink#maxConcurrentWrites()}, a server) keeps
 * input order.
 *
 * <p>Resuming. The summary of a stopped or failed import says where a later run resumes ({@link
 * ImportSummary#resumeAt()}, given back as {@link ImportConfig#skipRows()}): every row before it is
 * committed or was skipped as bad, and no row after it is committed unless {@link
 * ImportSummary#committedPastResume()} says so (concurrent batches of a local store committed after
 * one failed), so that a resumed run writes each row to the offline history once.
 *
 * <p>Thread-safety: one {@link #run} at a time per instance; {@link #stop()} may be called from any
 * thread (a shutdown hook, say) and takes effect after the batch being read.
 */
public final class Importer {
  private final RecordSink sink;
  private final @Nullable QuiverStore store;
  private final ImportConfig config;
  private volatile boolean stopRequested;

  private Importer(RecordSink sink, @Nullable QuiverStore store, ImportConfig config) {
    this.sink = sink;
    this.store = store;
    this.config = config;
  }

  /**
   * An importer writing into {@code store}. Local CSV files imported into a new or empty group go
   * through a bulk load ({@link QuiverStore#bulkLoad}): parsed in parallel and written at once, all
   * rows or none; any other import goes through {@link QuiverStore#putRecords}, a batch at a time,
   * and ends by flushing the offline store with progress reports.
   */
  public static Importer create(QuiverStore store, ImportConfig config) {
    requireNonNull(store, "store");
    return new Importer(RecordSink.local(store), store, requireNonNull(config, "config"));
  }

  /** An importer writing into {@code sink}, which the caller keeps owning. */
  public static Importer create(RecordSink sink, ImportConfig config) {
    return new Importer(requireNonNull(sink, "sink"), null, requireNonNull(config, "config"));
  }

  /** Asks the running import to stop after the batch it is reading; safe from any thread. */
  public void stop() {
    stopRequested = true;
  }

  /**
   * Imports every row of {@code source} into {@code featureGroup}, after the first {@link
   * ImportConfig#skipRows()}.
   *
   * @return what was read, written and skipped
   * @throws ResourceNotFoundException if there is no such group (or the sink's own failure when it
   *     cannot describe it)
   * @throws ImportFailedException if a row breaks a rule under {@link OnError#FAIL}, or a write
   *     fails; its summary says what was committed and where to resume
   * @throws io.quiver.wrangler.source.SourceException if the input is malformed
   */
  public ImportSummary run(ImportSource source, String featureGroup, ImportListener listener) {
    FeatureGroup group = sink.describe(featureGroup);
    if (group.spec().ingestTransform() != null) {
      // Its records are derived by its flow from raw rows the importer's mapping does not know.
      throw new ValidationException(
          "Cannot import into feature group "
              + group.name()
              + ": it derives its records with flow "
              + group.spec().ingestTransform().name()
              + "; load raw data with quiver flow run (a feature-group destination), or PutRecord");
    }
    checkColumns(source, group, listener);
    BulkLoad bulk = bulkLoad(source, group);
    if (bulk != null) {
      try (bulk) {
        return new BulkCsvImport(config, listener, BulkCsvImport.CHUNK_BYTES_DEFAULT)
            .run(bulk, source.localCsvFiles(), () -> stopRequested);
      }
    }
    Run run = new Run(group, source, listener);
    int threads = Math.max(1, Math.min(config.writerThreads(), sink.maxConcurrentWrites()));
    ExecutorService writers = Executors.newFixedThreadPool(threads, run::newWriterThread);
    ImportSummary summary;
    try {
      summary = run.execute(writers, threads);
    } finally {
      writers.shutdownNow();
    }
    if (store != null && group.spec().hasOfflineStore()) {
      // What the import staged is written now, with progress, rather than silently at close.
      store.flush(
          (files, rows, fraction) ->
              listener.onWriteProgress("writing offline files", Math.round(fraction * 100), 100));
    }
    return summary;
  }

  /**
   * A bulk load for this import, when it can take one: a local store, local CSV files that fit in
   * memory a few times over, and a group the store can bulk load (new or empty online, no ingest
   * transform, no default TTL); otherwise {@code null}.
   */
  private @Nullable BulkLoad bulkLoad(ImportSource source, FeatureGroup group) {
    if (store == null || !config.bulk() || config.skipRows() > 0) {
      return null; // a resumed import continues through PutRecords
    }
    List<Path> files = source.localCsvFiles();
    if (files.isEmpty()) {
      return null;
    }
    long bytes = 0;
    for (Path file : files) {
      try {
        bytes += Files.size(file);
      } catch (IOException e) {
        return null; // the row reader reports it
      }
    }
    // A bulk load holds its rows in memory until it commits: about three times the text.
    if (bytes > Runtime.getRuntime().maxMemory() / 4) {
      return null;
    }
    try {
      return store.bulkLoad(group.name());
    } catch (ResourceInUseException | ValidationException e) {
      return null; // the group has records, or transforms or expires them: PutRecord it is
    }
  }

  /**
   * Refuses an input whose columns cannot make records of {@code group} (a column that is no
   * feature, no identifier or event time column) before anything is written, and warns about
   * features it has no column for, which stay empty.
   */
  private static void checkColumns(
      ImportSource source, FeatureGroup group, ImportListener listener) {
    List<SourceRow> first = source.peek(1);
    List<String> columns = source.columns();
    if (first.isEmpty() || columns.isEmpty()) {
      return;
    }
    String position = first.get(0).position();
    String input =
        position.contains(":") ? position.substring(0, position.lastIndexOf(':')) : position;
    String prefix = "Cannot import " + input + " into feature group " + group.name() + ": ";
    List<String> unknown = columns.stream().filter(c -> group.position(c) < 0).toList();
    if (!unknown.isEmpty()) {
      throw new ValidationException(
          prefix
              + (unknown.size() == 1 ? "column " : "columns ")
              + quoted(unknown)
              + (unknown.size() == 1 ? " is not a feature" : " are not features")
              + " of the group (features: "
              + String.join(", ", group.features().stream().map(f -> f.name()).toList())
              + "); drop or rename it in the input, or add the feature with UpdateFeatureGroup");
    }
    String identifier = group.recordIdentifier().name();
    String eventTime = group.eventTime().name();
    for (String key : List.of(identifier, eventTime)) {
      if (!columns.contains(key)) {
        throw new ValidationException(
            prefix
                + "it has no column '"
                + key
                + "', the group's "
                + (key.equals(identifier) ? "record identifier" : "event time")
                + ", which every record needs (columns: "
                + String.join(", ", columns)
                + ")");
      }
    }
    List<String> missing =
        group.features().stream().map(f -> f.name()).filter(f -> !columns.contains(f)).toList();
    if (!missing.isEmpty()) {
      listener.onWarning(
          input
              + " has no column for "
              + (missing.size() == 1 ? "feature " : "features ")
              + quoted(missing)
              + " of feature group "
              + group.name()
              + ": "
              + (missing.size() == 1 ? "it stays" : "they stay")
              + " empty in every record");
    }
  }

  private static String quoted(List<String> names) {
    return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
  }

  /**
   * A batch handed to the writers: the input row of each of its records, and how many of them are
   * committed (a prefix: a sink commits a batch in order).
   */
  private static final class Batch {
    final long[] rows;
    final AtomicLong committed = new AtomicLong();

    Batch(long[] rows) {
      this.rows = rows;
    }

    boolean whole() {
      return committed.get() == rows.length;
    }
  }

  /** The state of one {@link #run}; confined to the calling thread except the atomic counters. */
  private final class Run {
    private final FeatureGroup group;
    private final ImportSource source;
    private final ImportListener listener;
    private final RecordMapper mapper;
    private final Instant start;
    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger threads = new AtomicInteger();
    private final Deque<Future<?>> inFlight = new ArrayDeque<>();
    // Batches handed over, in input order, from the first that is not yet known to be whole.
    private final Deque<Batch> open = new ArrayDeque<>();
    private long rowsConsumed;
    private long read;
    private long skipped;
    private @Nullable RowError failure;
    private @Nullable Throwable writeFailure;
    private Instant lastReport;

    Run(FeatureGroup group, ImportSource source, ImportListener listener) {
      this.group = group;
      this.source = source;
      this.listener = listener;
      this.mapper = new RecordMapper(group);
      this.start = config.clock().instant();
      this.lastReport = start;
    }

    Thread newWriterThread(Runnable task) {
      Thread thread = new Thread(task, "quiver-import-writer-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }

    ImportSummary execute(ExecutorService writers, int writerThreads) {
      boolean more = skipStart();
      long unsentFrom = rowsConsumed;
      while (more && !stopRequested && failure == null && writeFailure == null) {
        List<Record> batch = new ArrayList<>(config.batchSize());
        long[] rows = new long[config.batchSize()];
        unsentFrom = rowsConsumed;
        more = fill(batch, rows);
        if (failure != null || batch.isEmpty()) {
          break;
        }
        if (inFlight.size() >= 2 * writerThreads) {
          await(inFlight.poll());
        }
        Batch handed = new Batch(Arrays.copyOf(rows, batch.size()));
        open.add(handed);
        inFlight.add(writers.submit(() -> write(batch, handed)));
        unsentFrom = rowsConsumed;
        reportIfDue(false);
      }
      while (!inFlight.isEmpty()) {
        await(inFlight.poll());
      }
      boolean stopped = stopRequested && more && failure == null;
      reportIfDue(true);
      ImportSummary summary = summary(stopped, unsentFrom);
      if (failure != null) {
        throw new ImportFailedException(
            "Cannot import "
                + failure
                + " (rows committed before its batch: "
                + summary.rowsWritten()
                + "; nothing from that batch onward was written)",
            summary,
            ErrorCode.VALIDATION,
            null);
      }
      if (writeFailure != null) {
        ErrorCode code =
            writeFailure instanceof QuiverException q ? q.code() : ErrorCode.INTERNAL_FAILURE;
        throw new ImportFailedException(
            "Cannot import into feature group "
                + group.name()
                + ": a write failed after "
                + summary.rowsWritten()
                + " rows were committed: "
                + writeFailure.getMessage(),
            summary,
            code,
            writeFailure);
      }
      return summary;
    }

    /**
     * Where a later run resumes: at the first record of the handed-over batches not committed, else
     * at the first row not handed over ({@code unsentFrom}).
     */
    private ImportSummary summary(boolean stopped, long unsentFrom) {
      long resumeAt = unsentFrom;
      long committedPast = 0;
      boolean found = false;
      for (Batch batch : open) {
        if (found) {
          committedPast += batch.committed.get();
        } else if (!batch.whole()) {
          resumeAt = batch.rows[(int) batch.committed.get()];
          found = true;
        }
      }
      return new ImportSummary(
          group.name(),
          read,
          written.get(),
          skipped,
          elapsed(),
          stopped,
          failure,
          resumeAt,
          committedPast);
    }

    /** Passes over the rows the configuration skips; false if the input ends among them. */
    private boolean skipStart() {
      while (rowsConsumed < config.skipRows()) {
        if (source.next() == null) {
          return false;
        }
        rowsConsumed++;
      }
      return true;
    }

    /** Reads and checks up to a batch of rows; false at the end of the input. */
    private boolean fill(List<Record> batch, long[] rows) {
      while (batch.size() < config.batchSize()) {
        SourceRow row = source.next();
        if (row == null) {
          return false;
        }
        long ordinal = rowsConsumed++;
        read++;
        try {
          Record record = mapper.toRecord(row);
          RecordRules.check(group, record);
          rows[batch.size()] = ordinal;
          batch.add(record);
        } catch (ValidationException e) {
          RowError error = new RowError(row.position(), e.getMessage());
          listener.onRowRejected(error);
          if (config.onError() == OnError.FAIL) {
            failure = error;
            return true;
          }
          skipped++;
        }
      }
      return true;
    }

    private void write(List<Record> batch, Batch handed) {
      sink.write(
          group.name(),
          batch,
          n -> {
            handed.committed.addAndGet(n);
            written.addAndGet(n);
          });
    }

    private void await(@Nullable Future<?> future) {
      if (future == null) {
        return;
      }
      try {
        future.get();
      } catch (ExecutionException e) {
        if (writeFailure == null) {
          writeFailure = e.getCause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopRequested = true;
      }
      while (!open.isEmpty() && open.peek().whole()) {
        open.poll();
      }
    }

    private void reportIfDue(boolean last) {
      Instant now = config.clock().instant();
      if (last || Duration.between(lastReport, now).compareTo(config.progressInterval()) >= 0) {
        lastReport = now;
        listener.onProgress(
            new ImportProgress(read, written.get(), skipped, elapsed(), source.fractionRead()));
      }
    }

    private Duration elapsed() {
      return Duration.between(start, config.clock().instant());
    }
  }
}
