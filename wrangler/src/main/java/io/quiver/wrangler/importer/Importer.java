package io.quiver.wrangler.importer;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.RecordRules;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * with the same event time are therefore resolved by arrival, as two concurrent PutRecords are.
 *
 * <p>Thread-safety: one {@link #run} at a time per instance; {@link #stop()} may be called from any
 * thread (a shutdown hook, say) and takes effect after the batch being read.
 */
public final class Importer {
  private final RecordSink sink;
  private final ImportConfig config;
  private volatile boolean stopRequested;

  private Importer(RecordSink sink, ImportConfig config) {
    this.sink = sink;
    this.config = config;
  }

  /** An importer writing into {@code store}. */
  public static Importer create(QuiverStore store, ImportConfig config) {
    return create(RecordSink.local(requireNonNull(store, "store")), config);
  }

  /** An importer writing into {@code sink}, which the caller keeps owning. */
  public static Importer create(RecordSink sink, ImportConfig config) {
    return new Importer(requireNonNull(sink, "sink"), requireNonNull(config, "config"));
  }

  /** Asks the running import to stop after the batch it is reading; safe from any thread. */
  public void stop() {
    stopRequested = true;
  }

  /**
   * Imports every row of {@code source} into {@code featureGroup}.
   *
   * @return what was read, written and skipped
   * @throws ResourceNotFoundException if there is no such group (or the sink's own failure when it
   *     cannot describe it)
   * @throws ImportFailedException if a row breaks a rule under {@link OnError#FAIL}, or a write
   *     fails; its summary says what was committed
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
    Run run = new Run(group, source, listener);
    ExecutorService writers =
        Executors.newFixedThreadPool(config.writerThreads(), run::newWriterThread);
    try {
      return run.execute(writers);
    } finally {
      writers.shutdownNow();
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

    ImportSummary execute(ExecutorService writers) {
      boolean more = true;
      while (more && !stopRequested && failure == null && writeFailure == null) {
        List<Record> batch = new ArrayList<>(config.batchSize());
        more = fill(batch);
        if (failure != null || batch.isEmpty()) {
          break;
        }
        if (inFlight.size() >= 2 * config.writerThreads()) {
          await(inFlight.poll());
        }
        inFlight.add(writers.submit(() -> write(batch)));
        reportIfDue(false);
      }
      while (!inFlight.isEmpty()) {
        await(inFlight.poll());
      }
      boolean stopped = stopRequested && more && failure == null;
      reportIfDue(true);
      ImportSummary summary =
          new ImportSummary(
              group.name(), read, written.get(), skipped, elapsed(), stopped, failure);
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

    /** Reads and checks up to a batch of rows; false at the end of the input. */
    private boolean fill(List<Record> batch) {
      while (batch.size() < config.batchSize()) {
        SourceRow row = source.next();
        if (row == null) {
          return false;
        }
        read++;
        try {
          Record record = mapper.toRecord(row);
          RecordRules.check(group, record);
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

    private void write(List<Record> batch) {
      sink.write(group.name(), batch, written::addAndGet);
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
