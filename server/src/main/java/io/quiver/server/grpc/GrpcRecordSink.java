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
 * DescribeFeatureGroup; each batch is one client-streaming PutRecords call, which the server
 * applies in order and stops at the first refused record, saying (in the {@link
 * GrpcErrors#RECORDS_WRITTEN} trailer) how many it wrote before it.
 *
 * <pre>{@code
 * try (GrpcRecordSink sink = GrpcRecordSink.connect(GrpcEndpoint.parse("grpc://127.0.0.1:9090"))) {
 *   Importer.create(sink, ImportConfig.defaults()).run(source, "orders", ImportListener.silent());
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe; writer threads stream their batches concurrently over the one
 * channel.
 */
public final class GrpcRecordSink implements RecordSink, AutoCloseable {
  /** How long a control-plane call (describe, create) may take, connecting included. */
  static final Duration CONTROL_DEADLINE = Duration.ofSeconds(30);

  private final GrpcEndpoint endpoint;
  private final ManagedChannel channel;
  private final FeatureStoreGrpc.FeatureStoreBlockingStub control;
  private final FeatureStoreGrpc.FeatureStoreStub data;

  private GrpcRecordSink(GrpcEndpoint endpoint, ManagedChannel channel) {
    this.endpoint = endpoint;
    this.channel = channel;
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
    return new GrpcRecordSink(endpoint, builder.build());
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
   * {@inheritDoc} The batch is one PutRecords stream; {@code committed} hears once, when the stream
   * ends.
   *
   * @throws RemoteStoreException if the server refuses a record (its message) or cannot be reached
   */
  @Override
  public void write(String featureGroup, List<Record> batch, LongConsumer committed) {
    if (batch.isEmpty()) {
      return;
    }
    PutRecordsUpload upload = new PutRecordsUpload(featureGroup, batch);
    data.putRecords(upload);
    try {
      committed.accept(upload.result().get());
    } catch (ExecutionException e) {
      StatusRuntimeException failure =
          Status.fromThrowable(e.getCause())
              .asRuntimeException(Status.trailersFromThrowable(e.getCause()));
      committed.accept(writtenBefore(failure.getTrailers()));
      throw RemoteStoreException.of(endpoint, failure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      upload.cancel("import interrupted");
      throw new StorageException(
          "Cannot finish sending a batch to "
              + endpoint.url()
              + ": interrupted; some of its records may be written");
    }
  }

  private static long writtenBefore(@Nullable Metadata trailers) {
    String written = trailers == null ? null : trailers.get(GrpcErrors.RECORDS_WRITTEN);
    if (written == null) {
      return 0; // refused before the stream started (authentication, say): nothing written
    }
    try {
      return Long.parseLong(written);
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
