package io.quiver.server.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quiver.protocol.client.FeatureStoreClient;
import io.quiver.protocol.client.GrpcEndpoint;
import io.quiver.protocol.client.PutRecordPacing;
import io.quiver.protocol.client.PutRecordsUpload;
import io.quiver.protocol.client.RemoteStoreException;
import io.quiver.protocol.codec.GrpcErrors;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.importer.RecordSink;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RecordSink} that sends records to a running Quiver server over gRPC, so that {@code
 * quiver import --endpoint} goes through the server's PutRecord path (its rules, limits and
 * metrics) instead of opening the data folder. The group's definition comes from
 * DescribeFeatureGroup; each batch goes out as client-streaming PutRecords calls, one at a time,
 * which the server commits in order, a chunk of consecutive records per store write, and stops at
 * the first refused record, saying (in the {@link GrpcErrors#RECORDS_WRITTEN} trailer) how many it
 * wrote before it. The sink paces itself at the server's PutRecord limit and resumes throttled
 * streams after a backoff ({@link PutRecordPacing}).
 *
 * <pre>{@code
 * try (GrpcRecordSink sink = GrpcRecordSink.connect(GrpcEndpoint.parse("grpc://127.0.0.1:9090"))) {
 *   Importer.create(sink, ImportConfig.defaults()).run(source, "orders", ImportListener.silent());
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe; concurrent writes share the channel and the pacing, but an
 * importer writes one batch at a time ({@link #maxConcurrentWrites()}).
 */
public final class GrpcRecordSink implements RecordSink, AutoCloseable {
  private final FeatureStoreClient client;
  private final PutRecordPacing pacing;

  private GrpcRecordSink(FeatureStoreClient client, PutRecordPacing pacing) {
    this.client = client;
    this.pacing = pacing;
  }

  /**
   * A sink for the server at {@code endpoint}. Connecting is lazy: an unreachable server shows at
   * the first call, as "Cannot reach Quiver at ...".
   *
   * @throws UncheckedIOException if the CA certificate file cannot be read
   * @throws IllegalArgumentException if it holds no PEM certificate
   */
  public static GrpcRecordSink connect(GrpcEndpoint endpoint) {
    return connect(endpoint, PutRecordPacing.system());
  }

  static GrpcRecordSink connect(GrpcEndpoint endpoint, PutRecordPacing pacing) {
    return new GrpcRecordSink(FeatureStoreClient.connect(endpoint), pacing);
  }

  /**
   * Creates the feature group {@code spec} defines on the server (CreateFeatureGroup).
   *
   * @return the group as the server then describes it
   * @throws RemoteStoreException if the server refuses (for example, the group exists) or cannot be
   *     reached
   */
  public FeatureGroup createFeatureGroup(FeatureGroupSpec spec) {
    return client.createFeatureGroup(spec);
  }

  /**
   * {@inheritDoc}
   *
   * @throws RemoteStoreException if the server refuses (for example, there is no such group) or
   *     cannot be reached
   */
  @Override
  public FeatureGroup describe(String featureGroup) {
    return client.describeFeatureGroup(featureGroup);
  }

  /**
   * {@inheritDoc} The batch goes out as PutRecords streams in order, paced at the server's
   * PutRecord limit once it is known; a stream the server throttles is resumed after a backoff from
   * the first record it did not write. {@code committed} hears as each stream ends.
   *
   * @throws RemoteStoreException if the server refuses a record (its message), keeps throttling
   *     without progress, or cannot be reached
   */
  @Override
  public void write(String featureGroup, List<Record> batch, LongConsumer committed) {
    int sent = 0;
    int attempt = 0;
    try {
      while (sent < batch.size()) {
        List<Record> part =
            batch.subList(sent, sent + Math.min(batch.size() - sent, pacing.maxRecordsPerStream()));
        pacing.awaitRelease(part.size());
        Outcome outcome = send(featureGroup, part);
        committed.accept(outcome.written());
        sent += (int) outcome.written();
        if (outcome.failure() == null) {
          continue;
        }
        StatusRuntimeException failure = outcome.failure();
        Metadata trailers = failure.getTrailers();
        if (GrpcErrors.errorCode(failure.getStatus(), trailers) != ErrorCode.THROTTLING) {
          throw RemoteStoreException.of(client.endpoint(), failure);
        }
        pacing.limit(GrpcErrors.number(trailers, GrpcErrors.PUT_RECORD_LIMIT));
        attempt = outcome.written() > 0 ? 0 : attempt + 1;
        if (!pacing.retries(attempt)) {
          throw RemoteStoreException.of(client.endpoint(), failure);
        }
        pacing.backOff(attempt, GrpcErrors.number(trailers, GrpcErrors.RETRY_AFTER_MILLIS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(
          "Cannot finish sending a batch to "
              + client.endpoint().url()
              + ": interrupted; "
              + sent
              + " of its records are written, some of the next may be");
    }
  }

  /** One PutRecords stream: how many records it wrote, and how it failed if it did. */
  private record Outcome(long written, @Nullable StatusRuntimeException failure) {}

  private Outcome send(String featureGroup, List<Record> records) throws InterruptedException {
    PutRecordsUpload upload = new PutRecordsUpload(featureGroup, records);
    client.putRecords(upload);
    try {
      long written = upload.result().get();
      pacing.limit(upload.putRecordLimit());
      return new Outcome(written, null);
    } catch (ExecutionException e) {
      StatusRuntimeException failure =
          Status.fromThrowable(e.getCause())
              .asRuntimeException(Status.trailersFromThrowable(e.getCause()));
      return new Outcome(
          GrpcErrors.number(failure.getTrailers(), GrpcErrors.RECORDS_WRITTEN), failure);
    } catch (InterruptedException e) {
      upload.cancel("import interrupted");
      throw e;
    }
  }

  /**
   * One stream at a time: the server commits a stream's records in order, so a failure leaves
   * exactly a prefix of the input written, which an import can resume after.
   */
  @Override
  public int maxConcurrentWrites() {
    return 1;
  }

  /** Closes the channel, waiting briefly for calls in flight; idempotent. */
  @Override
  public void close() {
    client.close();
  }

  /** The endpoint this sink sends to. */
  public GrpcEndpoint endpoint() {
    return client.endpoint();
  }
}
