package io.quiver.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.quiver.server.grpc.v1.DescribeFeatureGroupRequest;
import io.quiver.server.grpc.v1.FeatureStoreGrpc;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.importer.RecordSink;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLException;
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
  /** How long a control-plane call (describe, create) may take, connecting included. */
  static final Duration CONTROL_DEADLINE = Duration.ofSeconds(30);

  private final GrpcEndpoint endpoint;
  private final ManagedChannel channel;
  private final FeatureStoreGrpc.FeatureStoreBlockingStub control;
  private final FeatureStoreGrpc.FeatureStoreStub data;
  private final PutRecordPacing pacing;

  private GrpcRecordSink(GrpcEndpoint endpoint, ManagedChannel channel, PutRecordPacing pacing) {
    this.endpoint = endpoint;
    this.channel = channel;
    this.pacing = pacing;
    FeatureStoreGrpc.FeatureStoreBlockingStub blocking = FeatureStoreGrpc.newBlockingStub(channel);
    FeatureStoreGrpc.FeatureStoreStub async = FeatureStoreGrpc.newStub(channel);
    ClientInterceptor signer = endpoint.credentials();
    if (signer != null) {
      blocking = blocking.withInterceptors(signer);
      async = async.withInterceptors(signer);
    }
    this.control = blocking;
    this.data = async;
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
    requireNonNull(endpoint, "endpoint");
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port());
    if (!endpoint.tls()) {
      builder.usePlaintext();
    } else if (endpoint.caCert() != null) {
      try {
        builder.sslContext(
            GrpcSslContexts.forClient().trustManager(endpoint.caCert().toFile()).build());
      } catch (SSLException e) {
        throw new UncheckedIOException(
            "Cannot use CA certificate " + endpoint.caCert() + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Cannot use CA certificate " + endpoint.caCert() + ": " + e.getMessage(), e);
      }
    } else {
      builder.useTransportSecurity();
    }
    return new GrpcRecordSink(endpoint, builder.build(), pacing);
  }

  /**
   * Creates the feature group {@code spec} defines on the server (CreateFeatureGroup).
   *
   * @return the group as the server then describes it
   * @throws RemoteStoreException if the server refuses (for example, the group exists) or cannot be
   *     reached
   */
  public FeatureGroup createFeatureGroup(FeatureGroupSpec spec) {
    try {
      control
          .withDeadlineAfter(CONTROL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .createFeatureGroup(GrpcCodec.createRequest(spec));
    } catch (StatusRuntimeException e) {
      throw RemoteStoreException.of(endpoint, e);
    }
    return describe(spec.featureGroupName());
  }

  /**
   * {@inheritDoc}
   *
   * @throws RemoteStoreException if the server refuses (for example, there is no such group) or
   *     cannot be reached
   */
  @Override
  public FeatureGroup describe(String featureGroup) {
    try {
      return GrpcCodec.toGroup(
          control
              .withDeadlineAfter(CONTROL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .describeFeatureGroup(
                  DescribeFeatureGroupRequest.newBuilder()
                      .setFeatureGroupName(featureGroup)
                      .build()));
    } catch (StatusRuntimeException e) {
      throw RemoteStoreException.of(endpoint, e);
    }
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
            batch.subList(sent, Math.min(batch.size(), sent + pacing.maxRecordsPerStream()));
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
          throw RemoteStoreException.of(endpoint, failure);
        }
        pacing.limit(number(trailers, GrpcErrors.PUT_RECORD_LIMIT));
        attempt = outcome.written() > 0 ? 0 : attempt + 1;
        if (!pacing.retries(attempt)) {
          throw RemoteStoreException.of(endpoint, failure);
        }
        pacing.backOff(attempt, number(trailers, GrpcErrors.RETRY_AFTER_MILLIS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(
          "Cannot finish sending a batch to "
              + endpoint.url()
              + ": interrupted; "
              + sent
              + " of its records are written, some of the next may be");
    }
  }

  /** One PutRecords stream: how many records it wrote, and how it failed if it did. */
  private record Outcome(long written, @Nullable StatusRuntimeException failure) {}

  private Outcome send(String featureGroup, List<Record> records) throws InterruptedException {
    PutRecordsUpload upload = new PutRecordsUpload(featureGroup, records);
    data.putRecords(upload);
    try {
      long written = upload.result().get();
      pacing.limit(upload.putRecordLimit());
      return new Outcome(written, null);
    } catch (ExecutionException e) {
      StatusRuntimeException failure =
          Status.fromThrowable(e.getCause())
              .asRuntimeException(Status.trailersFromThrowable(e.getCause()));
      return new Outcome(number(failure.getTrailers(), GrpcErrors.RECORDS_WRITTEN), failure);
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

  /** A decimal trailer; 0 when absent (refused before the stream started: nothing written). */
  private static long number(@Nullable Metadata trailers, Metadata.Key<String> key) {
    String value = trailers == null ? null : trailers.get(key);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Closes the channel, waiting briefly for calls in flight; idempotent. */
  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.shutdownNow();
    }
  }

  /** The endpoint this sink sends to. */
  public GrpcEndpoint endpoint() {
    return endpoint;
  }
}
