package io.quiver.spark.ingest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quiver.protocol.client.FeatureStoreClient;
import io.quiver.protocol.client.PutRecordPacing;
import io.quiver.protocol.client.PutRecordsUpload;
import io.quiver.protocol.client.RemoteStoreException;
import io.quiver.protocol.codec.GrpcErrors;
import io.quiver.spark.group.GroupHandle;
import io.quiver.spark.group.ServiceEndpoint;
import io.quiver.storage.TargetStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.ValidRecord;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * One task of an online ingestion into a Quiver server's gRPC port: checks each row with
 * PutRecord's rules (a bad row is reported without a call) and streams the good ones in batches of
 * {@code batchRows}, each batch as client-streaming PutRecords calls, {@code concurrency} batches
 * in flight.
 *
 * <p>The server commits a stream's records in order and stops at the first record it refuses,
 * saying how many it wrote before it ({@link GrpcErrors#RECORDS_WRITTEN}), so a batch resumes
 * exactly after what was written:
 *
 * <ul>
 *   <li>refused for throttling, or the server unavailable or too slow: the batch waits (the longer
 *       of what the server asked for and an exponential delay with jitter, {@link PutRecordPacing})
 *       and resends from the first record not written; it gives up after {@link
 *       PutRecordPacing#retries} attempts in a row that wrote nothing, or once it has made no
 *       progress for {@code retryDeadline}, and then reports its remaining rows with the last
 *       error;
 *   <li>refused for the record itself (a validation error, say): that row is reported with the
 *       server's code and message, and the batch goes on from the next one.
 * </ul>
 *
 * <p>Streams are paced at the server's PutRecord limit once it has said it, so a lone job seldom
 * trips it. A retried Spark task sends its rows again; online the latest event time wins, offline
 * the records appear once more as new writes, as with PutRecord.
 */
final class GrpcPartitionSender implements FlatMapFunction<Iterator<Row>, TaskOutcome> {
  private static final long serialVersionUID = 1L;

  /** How long one PutRecords call may take before it is abandoned and retried. */
  static final Duration STREAM_DEADLINE = Duration.ofMinutes(2);

  /** What the server adds to a refusal in a stream: the record's place in it. */
  private static final Pattern STREAM_POSITION =
      Pattern.compile(" \\(record \\d+ of the stream; \\d+ records? written before it\\)$");

  private final ServiceEndpoint endpoint;
  private final GroupHandle group;
  private final String[] names;
  private final Set<TargetStore> targetStores;
  private final int concurrency;
  private final int batchRows;
  private final Duration retryDeadline;

  GrpcPartitionSender(
      ServiceEndpoint endpoint,
      GroupHandle group,
      String[] names,
      List<String> targetStores,
      int concurrency,
      int batchRows,
      Duration retryDeadline) {
    this.endpoint = endpoint;
    this.group = group;
    this.names = names.clone();
    Set<TargetStore> stores = EnumSet.noneOf(TargetStore.class);
    for (String store : targetStores) {
      stores.add(TargetStore.fromWireName(store));
    }
    this.targetStores = stores;
    this.concurrency = concurrency;
    this.batchRows = batchRows;
    this.retryDeadline = retryDeadline;
  }

  @Override
  public Iterator<TaskOutcome> call(Iterator<Row> rows) throws InterruptedException {
    TaskContext task = TaskContext.get();
    int partition = task == null ? 0 : task.partitionId();
    FeatureGroup featureGroup = group.toFeatureGroup();
    List<FailedRow> failed = new ArrayList<>();
    RowChecker checker = new RowChecker(featureGroup, names, failed);
    PutRecordPacing pacing = PutRecordPacing.system();
    long sent = 0;
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try (FeatureStoreClient client = endpoint.featureStore()) {
      ArrayDeque<Future<BatchOutcome>> inFlight = new ArrayDeque<>();
      List<Row> batchRowsIn = new ArrayList<>(batchRows);
      List<Record> batch = new ArrayList<>(batchRows);
      while (rows.hasNext()) {
        Row row = rows.next();
        ValidRecord valid = checker.check(row);
        if (valid == null) {
          continue;
        }
        batchRowsIn.add(row);
        batch.add(RowChecker.toSend(valid));
        if (batch.size() >= batchRows) {
          if (inFlight.size() >= concurrency) {
            sent += collect(inFlight.removeFirst(), failed);
          }
          inFlight.addLast(pool.submit(new Batch(client, pacing, batchRowsIn, batch)));
          batchRowsIn = new ArrayList<>(batchRows);
          batch = new ArrayList<>(batchRows);
        }
      }
      if (!batch.isEmpty()) {
        inFlight.addLast(pool.submit(new Batch(client, pacing, batchRowsIn, batch)));
      }
      while (!inFlight.isEmpty()) {
        sent += collect(inFlight.removeFirst(), failed);
      }
    } finally {
      pool.shutdownNow();
    }
    return List.of(new TaskOutcome(partition, List.of(), sent, failed)).iterator();
  }

  private static long collect(Future<BatchOutcome> batch, List<FailedRow> failed)
      throws InterruptedException {
    try {
      BatchOutcome outcome = batch.get();
      failed.addAll(outcome.failed());
      return outcome.written();
    } catch (ExecutionException e) {
      // Batch.call catches what a call can throw; anything else is a bug worth failing the task
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("Cannot finish a batch: " + cause.getMessage(), e);
    }
  }

  /** What one batch wrote and which of its rows it could not. */
  private record BatchOutcome(long written, List<FailedRow> failed) {}

  /** One batch, sent as PutRecords streams until every row is written or reported. */
  private final class Batch implements java.util.concurrent.Callable<BatchOutcome> {
    private final FeatureStoreClient client;
    private final PutRecordPacing pacing;
    private final List<Row> rows;
    private final List<Record> records;

    Batch(FeatureStoreClient client, PutRecordPacing pacing, List<Row> rows, List<Record> records) {
      this.client = client;
      this.pacing = pacing;
      this.rows = rows;
      this.records = records;
    }

    @Override
    public BatchOutcome call() throws InterruptedException {
      List<FailedRow> failed = new ArrayList<>();
      long written = 0;
      int next = 0;
      int attempt = 0;
      long lastProgress = System.nanoTime();
      while (next < records.size()) {
        List<Record> part =
            records.subList(
                next, next + Math.min(records.size() - next, pacing.maxRecordsPerStream()));
        pacing.awaitRelease(part.size());
        PutRecordsUpload upload = new PutRecordsUpload(group.name(), part, targetStores);
        client.putRecords(upload, STREAM_DEADLINE);
        StatusRuntimeException failure;
        long streamWritten;
        try {
          streamWritten = upload.result().get();
          pacing.limit(upload.putRecordLimit());
          failure = null;
        } catch (ExecutionException e) {
          failure =
              Status.fromThrowable(e.getCause())
                  .asRuntimeException(Status.trailersFromThrowable(e.getCause()));
          streamWritten = GrpcErrors.number(failure.getTrailers(), GrpcErrors.RECORDS_WRITTEN);
        } catch (InterruptedException e) {
          upload.cancel("ingestion task interrupted");
          throw e;
        }
        streamWritten = Math.min(streamWritten, part.size());
        next += (int) streamWritten;
        written += streamWritten;
        if (streamWritten > 0) {
          attempt = 0;
          lastProgress = System.nanoTime();
        }
        if (failure == null || streamWritten == part.size()) {
          continue; // a failure after the last record wrote everything: nothing to resend
        }
        Metadata trailers = failure.getTrailers();
        if (!retryable(failure)) {
          // the server refused the record at `next`: report it, go on after it
          failed.add(new FailedRow(rows.get(next), error(failure)));
          next++;
          attempt = 0;
          lastProgress = System.nanoTime();
          continue;
        }
        pacing.limit(GrpcErrors.number(trailers, GrpcErrors.PUT_RECORD_LIMIT));
        attempt = streamWritten > 0 ? 0 : attempt + 1;
        if (!pacing.retries(attempt)
            || System.nanoTime() - lastProgress > retryDeadline.toNanos()) {
          String error = error(failure) + " (gave up after " + attempt + " attempts)";
          for (int i = next; i < rows.size(); i++) {
            failed.add(new FailedRow(rows.get(i), error));
          }
          break;
        }
        pacing.backOff(attempt, GrpcErrors.number(trailers, GrpcErrors.RETRY_AFTER_MILLIS));
      }
      return new BatchOutcome(written, failed);
    }

    /**
     * A row's error as PutRecord words it: SageMaker's code and the server's message, without where
     * the record was in the stream (the row says which it was); or why the server was not reached.
     */
    private String error(StatusRuntimeException failure) {
      RemoteStoreException e = RemoteStoreException.of(client.endpoint(), failure);
      String message = STREAM_POSITION.matcher(RowRecords.message(e.getMessage())).replaceFirst("");
      return e.code().runtimeCode() + ": " + message;
    }
  }

  /** Throttled, unavailable or too slow: worth waiting and sending again. */
  private static boolean retryable(StatusRuntimeException failure) {
    Status.Code status = failure.getStatus().getCode();
    if (status == Status.Code.UNAVAILABLE || status == Status.Code.DEADLINE_EXCEEDED) {
      return true;
    }
    ErrorCode code = GrpcErrors.errorCode(failure.getStatus(), failure.getTrailers());
    return code == ErrorCode.THROTTLING || code == ErrorCode.SERVICE_UNAVAILABLE;
  }
}
