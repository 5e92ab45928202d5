package io.quiver.server.grpc;

import static io.quiver.server.grpc.FeatureStoreGrpcTest.get;
import static io.quiver.server.grpc.FeatureStoreGrpcTest.group;
import static io.quiver.server.grpc.FeatureStoreGrpcTest.observer;
import static io.quiver.server.grpc.FeatureStoreGrpcTest.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.quiver.protocol.signing.SigV4ClientInterceptor;
import io.quiver.protocol.v1.FeatureStoreGrpc;
import io.quiver.protocol.v1.PutRecordRequest;
import io.quiver.protocol.v1.PutRecordsResponse;
import io.quiver.server.ServerFixture;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 3 on gRPC: the signature covers the request messages, so captured metadata
 * cannot carry another body, and no message of a signed stream can be altered.
 */
class GrpcSignatureTest {
  @TempDir static Path dataDir;
  static ServerFixture fixture;
  static ManagedChannel channel;
  static final SigV4ClientInterceptor signer =
      SigV4ClientInterceptor.of(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY, "us-east-1");

  @BeforeAll
  static void start() {
    fixture = ServerFixture.startSigned(dataDir);
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", fixture.server().grpcPort())
            .usePlaintext()
            .build();
    FeatureStoreGrpc.newBlockingStub(channel)
        .withInterceptors(signer)
        .createFeatureGroup(group("fg"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    fixture.close();
  }

  @Test
  void replayedSignatureWithAnotherPutRecordBodyIsRefused() {
    AtomicReference<Metadata> captured = new AtomicReference<>();
    FeatureStoreGrpc.newBlockingStub(
            ClientInterceptors.intercept(channel, capture(captured), signer))
        .putRecord(put("fg", "signed", "1"));
    assertThat(signedStub().getRecord(get("fg", "signed")).getRecordCount()).isPositive();

    var replaying =
        FeatureStoreGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(captured.get()));
    assertThatThrownBy(() -> replaying.putRecord(put("fg", "swapped", "666")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).contains("x-quiver-message-sha256");
            });
    assertThat(signedStub().getRecord(get("fg", "swapped")).getRecordCount()).isZero();
  }

  @Test
  void alteredMessageInASignedStreamEndsTheStream() throws Exception {
    Channel tampering = ClientInterceptors.intercept(channel, flipAByteOfMessage(2), signer);
    CompletableFuture<PutRecordsResponse> done = new CompletableFuture<>();
    StreamObserver<PutRecordRequest> in =
        FeatureStoreGrpc.newStub(tampering).putRecords(observer(done));
    in.onNext(put("fg", "t1", "1"));
    in.onNext(put("fg", "t2", "2"));
    in.onNext(put("fg", "t3", "3"));
    in.onCompleted();
    assertThatThrownBy(() -> done.get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    // t1 may or may not be written (the server batches a stream's records into store writes).
    assertThat(signedStub().getRecord(get("fg", "t2")).getRecordCount()).isZero();
    assertThat(signedStub().getRecord(get("fg", "t3")).getRecordCount()).isZero();
  }

  @Test
  void signedStreamOfManyMessagesIsAccepted() throws Exception {
    CompletableFuture<PutRecordsResponse> done = new CompletableFuture<>();
    StreamObserver<PutRecordRequest> in =
        FeatureStoreGrpc.newStub(channel).withInterceptors(signer).putRecords(observer(done));
    for (int i = 0; i < 50; i++) {
      in.onNext(put("fg", "m" + i, Integer.toString(i)));
    }
    in.onCompleted();
    assertThat(done.get(30, TimeUnit.SECONDS).getRecordsWritten()).isEqualTo(50);
  }

  private static FeatureStoreGrpc.FeatureStoreBlockingStub signedStub() {
    return FeatureStoreGrpc.newBlockingStub(channel).withInterceptors(signer);
  }

  /** Records the metadata a call starts with, as someone on the wire could. */
  private static ClientInterceptor capture(AtomicReference<Metadata> into) {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            Metadata copy = new Metadata();
            copy.merge(headers);
            into.set(copy);
            super.start(listener, headers);
          }
        };
      }
    };
  }

  /** Alters one byte of the {@code index}-th message (from 1) after it was signed. */
  private static ClientInterceptor flipAByteOfMessage(int index) {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          private int sent;

          @Override
          @SuppressWarnings("unchecked")
          public void sendMessage(Q message) {
            if (++sent == index && message instanceof byte[] bytes) {
              byte[] altered = bytes.clone();
              altered[altered.length / 4] ^= 0x01;
              message = (Q) altered;
            }
            super.sendMessage(message);
          }
        };
      }
    };
  }
}
