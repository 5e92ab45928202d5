package io.quiver.protocol.client;

import static java.util.Objects.requireNonNull;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.quiver.protocol.codec.GrpcCodec;
import io.quiver.protocol.v1.DescribeFeatureGroupRequest;
import io.quiver.protocol.v1.FeatureGroupSummary;
import io.quiver.protocol.v1.FeatureStoreGrpc;
import io.quiver.protocol.v1.GetRecordRequest;
import io.quiver.protocol.v1.GetRecordResponse;
import io.quiver.protocol.v1.ListFeatureGroupsRequest;
import io.quiver.protocol.v1.ListFeatureGroupsResponse;
import io.quiver.protocol.v1.PutRecordRequest;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.record.Record;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A blocking client of a Quiver server's gRPC service ({@code quiver.featurestore.v1}), for the
 * command line's {@code --endpoint}: groups described, listed and created, records read and written
 * with the server's rules, limits and metrics. Every call has a deadline; a failure is a {@link
 * RemoteStoreException} carrying the server's message, or "Cannot reach Quiver at ..." when it
 * cannot be reached.
 *
 * <pre>{@code
 * try (FeatureStoreClient client = FeatureStoreClient.connect(GrpcEndpoint.parse("grpc://127.0.0.1:9090"))) {
 *   Optional<Record> latest = client.getRecord("customers", "c-42", null);
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe; calls share one channel.
 */
public final class FeatureStoreClient implements AutoCloseable {
  /** How long a call may take, connecting included. */
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final int LIST_PAGE = 100;

  private final GrpcEndpoint endpoint;
  private final ManagedChannel channel;
  private final FeatureStoreGrpc.FeatureStoreBlockingStub blocking;
  private final FeatureStoreGrpc.FeatureStoreStub async;

  private FeatureStoreClient(GrpcEndpoint endpoint, ManagedChannel channel) {
    this.endpoint = endpoint;
    this.channel = channel;
    FeatureStoreGrpc.FeatureStoreBlockingStub b = FeatureStoreGrpc.newBlockingStub(channel);
    FeatureStoreGrpc.FeatureStoreStub a = FeatureStoreGrpc.newStub(channel);
    ClientInterceptor signer = endpoint.credentials();
    if (signer != null) {
      b = b.withInterceptors(signer);
      a = a.withInterceptors(signer);
    }
    this.blocking = b;
    this.async = a;
  }

  /**
   * A client of the server at {@code endpoint}. Connecting is lazy: an unreachable server shows at
   * the first call, as "Cannot reach Quiver at ...".
   *
   * @throws UncheckedIOException if the CA certificate file cannot be read
   * @throws IllegalArgumentException if it holds no PEM certificate
   */
  public static FeatureStoreClient connect(GrpcEndpoint endpoint) {
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
    return new FeatureStoreClient(endpoint, builder.build());
  }

  /** The endpoint this client calls. */
  public GrpcEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Describes a feature group (DescribeFeatureGroup).
   *
   * @throws RemoteStoreException if there is no such group or the server cannot be reached
   */
  public FeatureGroup describeFeatureGroup(String nameOrArn) {
    return call(
        () ->
            GrpcCodec.toGroup(
                stub()
                    .describeFeatureGroup(
                        DescribeFeatureGroupRequest.newBuilder()
                            .setFeatureGroupName(nameOrArn)
                            .build())));
  }

  /**
   * Creates the feature group {@code spec} defines (CreateFeatureGroup).
   *
   * @return the group as the server then describes it
   * @throws RemoteStoreException if the server refuses (for example, the group exists) or cannot be
   *     reached
   */
  public FeatureGroup createFeatureGroup(FeatureGroupSpec spec) {
    call(() -> stub().createFeatureGroup(GrpcCodec.createRequest(spec)));
    return describeFeatureGroup(spec.featureGroupName());
  }

  /**
   * Every feature group, sorted by name, each described.
   *
   * @throws RemoteStoreException if the server cannot be reached
   */
  public List<FeatureGroup> listFeatureGroups() {
    List<String> names = new ArrayList<>();
    String token = "";
    do {
      String next = token;
      ListFeatureGroupsResponse page =
          call(
              () ->
                  stub()
                      .listFeatureGroups(
                          ListFeatureGroupsRequest.newBuilder()
                              .setMaxResults(LIST_PAGE)
                              .setNextToken(next)
                              .build()));
      for (FeatureGroupSummary summary : page.getFeatureGroupSummariesList()) {
        names.add(summary.getFeatureGroupName());
      }
      token = page.getNextToken();
    } while (!token.isEmpty());
    List<FeatureGroup> groups = new ArrayList<>(names.size());
    for (String name : names) {
      groups.add(describeFeatureGroup(name));
    }
    return groups;
  }

  /**
   * The latest online record of {@code recordIdentifier} (GetRecord), if there is one.
   *
   * @param featureNames the features to return, or {@code null} for all
   * @throws RemoteStoreException if the server refuses (no such group, feature) or cannot be
   *     reached
   */
  public Optional<Record> getRecord(
      String featureGroup, String recordIdentifier, @Nullable List<String> featureNames) {
    GetRecordRequest.Builder request =
        GetRecordRequest.newBuilder()
            .setFeatureGroupName(featureGroup)
            .setRecordIdentifierValueAsString(recordIdentifier);
    if (featureNames != null) {
      request.addAllFeatureNames(featureNames);
    }
    GetRecordResponse response = call(() -> stub().getRecord(request.build()));
    return response.getRecordCount() == 0
        ? Optional.empty()
        : Optional.of(GrpcCodec.toRecord(response.getRecordList()));
  }

  /**
   * Writes a record to every store of its group (PutRecord).
   *
   * @throws RemoteStoreException if the server refuses it or cannot be reached
   */
  public void putRecord(String featureGroup, Record record) {
    call(
        () ->
            stub()
                .putRecord(
                    PutRecordRequest.newBuilder()
                        .setFeatureGroupName(featureGroup)
                        .addAllRecord(GrpcCodec.fromRecord(record))
                        .build()));
  }

  /**
   * Starts {@code upload} as one client-streaming PutRecords call; its {@link
   * PutRecordsUpload#result()} says how it ended. The call has no deadline: the transport's flow
   * control paces it, and the caller may {@linkplain PutRecordsUpload#cancel cancel} it.
   */
  public void putRecords(PutRecordsUpload upload) {
    async.putRecords(upload);
  }

  /**
   * As {@link #putRecords(PutRecordsUpload)}, failing with {@code DEADLINE_EXCEEDED} if the call
   * has not ended within {@code deadline}.
   */
  public void putRecords(PutRecordsUpload upload, Duration deadline) {
    async.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).putRecords(upload);
  }

  private FeatureStoreGrpc.FeatureStoreBlockingStub stub() {
    return blocking.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw RemoteStoreException.of(endpoint, e);
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
}
