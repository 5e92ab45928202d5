package io.quiver.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.quiver.protocol.signing.SigV4ClientInterceptor;
import io.quiver.protocol.v1.BatchGetRecordIdentifier;
import io.quiver.protocol.v1.BatchGetRecordRequest;
import io.quiver.protocol.v1.BatchGetRecordResponse;
import io.quiver.protocol.v1.CreateFeatureGroupRequest;
import io.quiver.protocol.v1.DeleteFeatureGroupRequest;
import io.quiver.protocol.v1.DeleteRecordRequest;
import io.quiver.protocol.v1.DeletionMode;
import io.quiver.protocol.v1.DescribeFeatureGroupRequest;
import io.quiver.protocol.v1.DescribeFeatureMetadataRequest;
import io.quiver.protocol.v1.FeatureAdditions;
import io.quiver.protocol.v1.FeatureDefinition;
import io.quiver.protocol.v1.FeatureGroupDescription;
import io.quiver.protocol.v1.FeatureStoreGrpc;
import io.quiver.protocol.v1.FeatureType;
import io.quiver.protocol.v1.FeatureValue;
import io.quiver.protocol.v1.GetRecordRequest;
import io.quiver.protocol.v1.GetRecordResponse;
import io.quiver.protocol.v1.ListFeatureGroupsRequest;
import io.quiver.protocol.v1.ListFeatureGroupsResponse;
import io.quiver.protocol.v1.OfflineStoreConfig;
import io.quiver.protocol.v1.OnlineStoreConfig;
import io.quiver.protocol.v1.PutRecordRequest;
import io.quiver.protocol.v1.PutRecordsResponse;
import io.quiver.protocol.v1.ThroughputUpdate;
import io.quiver.protocol.v1.TtlDuration;
import io.quiver.protocol.v1.TtlUnit;
import io.quiver.protocol.v1.TtlUpdate;
import io.quiver.protocol.v1.UpdateFeatureGroupRequest;
import io.quiver.protocol.v1.UpdateFeatureMetadataRequest;
import io.quiver.server.ServerFixture;
import io.quiver.server.auth.AccessKeys;
import io.quiver.server.config.Operation;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every gRPC operation through the generated grpc-java client, with SigV4 call credentials. */
class FeatureStoreGrpcTest {
  @TempDir static Path dataDir;
  static ServerFixture fixture;
  static ManagedChannel channel;
  static FeatureStoreGrpc.FeatureStoreBlockingStub stub;

  @BeforeAll
  static void start() {
    fixture =
        ServerFixture.start(
            dataDir,
            b ->
                b.accessKeys(
                    AccessKeys.of(Map.of(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY))));
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", fixture.server().grpcPort())
            .usePlaintext()
            .build();
    stub =
        FeatureStoreGrpc.newBlockingStub(channel)
            .withInterceptors(
                SigV4ClientInterceptor.of(
                    ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY, "us-east-1"));
    stub.createFeatureGroup(group("fg"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    fixture.close();
  }

  static CreateFeatureGroupRequest group(String name) {
    return CreateFeatureGroupRequest.newBuilder()
        .setFeatureGroupName(name)
        .setRecordIdentifierFeatureName("id")
        .setEventTimeFeatureName("ts")
        .addFeatureDefinitions(feature("id", FeatureType.STRING))
        .addFeatureDefinitions(feature("ts", FeatureType.FRACTIONAL))
        .addFeatureDefinitions(feature("n", FeatureType.INTEGRAL))
        .setOnlineStoreConfig(OnlineStoreConfig.newBuilder().setEnableOnlineStore(true))
        .build();
  }

  static FeatureDefinition feature(String name, FeatureType type) {
    return FeatureDefinition.newBuilder().setFeatureName(name).setFeatureType(type).build();
  }

  static FeatureValue value(String name, String value) {
    return FeatureValue.newBuilder().setFeatureName(name).setValueAsString(value).build();
  }

  static PutRecordRequest put(String group, String id, String n) {
    return PutRecordRequest.newBuilder()
        .setFeatureGroupName(group)
        .addRecord(value("id", id))
        .addRecord(value("ts", "1700000000"))
        .addRecord(value("n", n))
        .build();
  }

  static GetRecordRequest get(String group, String id) {
    return GetRecordRequest.newBuilder()
        .setFeatureGroupName(group)
        .setRecordIdentifierValueAsString(id)
        .build();
  }

  @Test
  void putGetAndDeleteRecord() {
    stub.putRecord(put("fg", "r1", "5"));
    GetRecordResponse got =
        stub.getRecord(get("fg", "r1").toBuilder().addFeatureNames("n").build());
    assertThat(got.getRecordList()).containsExactly(value("n", "5"));
    stub.deleteRecord(
        DeleteRecordRequest.newBuilder()
            .setFeatureGroupName("fg")
            .setRecordIdentifierValueAsString("r1")
            .setEventTime("1700000001")
            .setDeletionMode(DeletionMode.HARD_DELETE)
            .build());
    assertThat(stub.getRecord(get("fg", "r1")).getRecordCount()).isZero();
  }

  @Test
  void batchGetRecordReportsPerEntryErrors() {
    stub.putRecord(put("fg", "b1", "1"));
    BatchGetRecordResponse got =
        stub.batchGetRecord(
            BatchGetRecordRequest.newBuilder()
                .addIdentifiers(
                    BatchGetRecordIdentifier.newBuilder()
                        .setFeatureGroupName("fg")
                        .addRecordIdentifiersValueAsString("b1"))
                .addIdentifiers(
                    BatchGetRecordIdentifier.newBuilder()
                        .setFeatureGroupName("nope")
                        .addRecordIdentifiersValueAsString("x"))
                .build());
    assertThat(got.getRecordsList())
        .singleElement()
        .satisfies(r -> assertThat(r.getRecordIdentifierValueAsString()).isEqualTo("b1"));
    assertThat(got.getErrorsList())
        .singleElement()
        .satisfies(e -> assertThat(e.getErrorCode()).isEqualTo("ResourceNotFound"));
  }

  @Test
  void putRecordsStreamsInOrderAndCounts() throws Exception {
    CompletableFuture<PutRecordsResponse> done = new CompletableFuture<>();
    StreamObserver<PutRecordRequest> in =
        FeatureStoreGrpc.newStub(channel)
            .withInterceptors(credentials())
            .putRecords(observer(done));
    for (int i = 0; i < 200; i++) {
      in.onNext(put("fg", "s" + i, Integer.toString(i)));
    }
    in.onCompleted();
    assertThat(done.get(30, TimeUnit.SECONDS).getRecordsWritten()).isEqualTo(200);
    assertThat(stub.getRecord(get("fg", "s199")).getRecordList()).contains(value("n", "199"));
  }

  @Test
  void putRecordsStopsAtTheFirstBadRecord() {
    CompletableFuture<PutRecordsResponse> done = new CompletableFuture<>();
    StreamObserver<PutRecordRequest> in =
        FeatureStoreGrpc.newStub(channel)
            .withInterceptors(credentials())
            .putRecords(observer(done));
    in.onNext(put("fg", "ok1", "1"));
    in.onNext(put("fg", "ok2", "2"));
    in.onNext(put("fg", "bad", "not-a-number"));
    in.onNext(put("fg", "after", "4"));
    in.onCompleted();
    assertThatThrownBy(() -> done.get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StatusRuntimeException.class)
        .cause()
        .satisfies(
            e -> {
              assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("2 records written");
            });
    assertThat(stub.getRecord(get("fg", "ok2")).getRecordCount()).isPositive();
    assertThat(stub.getRecord(get("fg", "after")).getRecordCount()).isZero();
  }

  @Test
  void controlPlaneOperations() {
    String arn =
        stub.createFeatureGroup(
                group("ctl").toBuilder()
                    .setOfflineStoreConfig(OfflineStoreConfig.newBuilder().setS3Uri("s3://b/p"))
                    .setDescription("d")
                    .build())
            .getFeatureGroupArn();
    FeatureGroupDescription d =
        stub.describeFeatureGroup(
            DescribeFeatureGroupRequest.newBuilder().setFeatureGroupName(arn).build());
    assertThat(d.getFeatureGroupName()).isEqualTo("ctl");
    assertThat(d.getFeatureGroupStatus()).isEqualTo("Created");
    assertThat(d.getOfflineStoreStatus()).isEqualTo("Active");
    assertThat(d.getOfflineStoreConfig().getResolvedOutputS3Uri())
        .startsWith("s3://b/p/123456789012/sagemaker/us-east-1/offline-store/ctl-")
        .endsWith("/data");

    stub.updateFeatureGroup(
        UpdateFeatureGroupRequest.newBuilder()
            .setFeatureGroupName("ctl")
            .setFeatureAdditions(
                FeatureAdditions.newBuilder().addFeatures(feature("extra", FeatureType.STRING)))
            .build());
    stub.updateFeatureGroup(
        UpdateFeatureGroupRequest.newBuilder()
            .setFeatureGroupName("ctl")
            .setOnlineStoreTtl(
                TtlUpdate.newBuilder()
                    .setTtlDuration(TtlDuration.newBuilder().setUnit(TtlUnit.HOURS).setValue(2)))
            .build());
    d =
        stub.describeFeatureGroup(
            DescribeFeatureGroupRequest.newBuilder().setFeatureGroupName("ctl").build());
    assertThat(d.getFeatureDefinitionsList())
        .extracting(FeatureDefinition::getFeatureName)
        .endsWith("extra");
    assertThat(d.getOnlineStoreConfig().getTtlDuration().getValue()).isEqualTo(2);

    stub.updateFeatureGroup(
        UpdateFeatureGroupRequest.newBuilder()
            .setFeatureGroupName("ctl")
            .setThroughputConfig(
                ThroughputUpdate.newBuilder()
                    .setThroughputMode("Provisioned")
                    .setProvisionedReadCapacityUnits(7))
            .build());
    assertThat(
            fixture
                .store()
                .describeFeatureGroup("ctl")
                .spec()
                .throughputConfig()
                .provisionedReadCapacityUnits())
        .isEqualTo(7L);

    stub.updateFeatureMetadata(
        UpdateFeatureMetadataRequest.newBuilder()
            .setFeatureGroupName("ctl")
            .setFeatureName("n")
            .setDescription("count")
            .putParameterAdditions("k", "v")
            .build());
    var metadata =
        stub.describeFeatureMetadata(
            DescribeFeatureMetadataRequest.newBuilder()
                .setFeatureGroupName("ctl")
                .setFeatureName("n")
                .build());
    assertThat(metadata.getDescription()).isEqualTo("count");
    assertThat(metadata.getParametersMap()).containsEntry("k", "v");
    assertThat(metadata.getFeatureType()).isEqualTo(FeatureType.INTEGRAL);

    ListFeatureGroupsResponse page =
        stub.listFeatureGroups(ListFeatureGroupsRequest.newBuilder().setMaxResults(1).build());
    assertThat(page.getFeatureGroupSummariesCount()).isEqualTo(1);
    assertThat(page.getNextToken()).isNotEmpty();
    ListFeatureGroupsResponse filtered =
        stub.listFeatureGroups(ListFeatureGroupsRequest.newBuilder().setNameContains("ct").build());
    assertThat(filtered.getFeatureGroupSummariesList())
        .extracting(s -> s.getFeatureGroupName())
        .containsExactly("ctl");

    stub.deleteFeatureGroup(
        DeleteFeatureGroupRequest.newBuilder().setFeatureGroupName("ctl").build());
    assertThat(
            code(
                () ->
                    stub.describeFeatureGroup(
                        DescribeFeatureGroupRequest.newBuilder()
                            .setFeatureGroupName("ctl")
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void failuresUseStandardStatusCodes() {
    assertThat(code(() -> stub.getRecord(get("missing", "r")))).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(code(() -> stub.putRecord(put("fg", "x", "NaN-ish"))))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(code(() -> stub.createFeatureGroup(group("fg"))))
        .isEqualTo(Status.Code.ALREADY_EXISTS);
  }

  @Test
  void callsWithoutOrWithWrongCredentialsAreUnauthenticated() {
    assertThat(code(() -> FeatureStoreGrpc.newBlockingStub(channel).getRecord(get("fg", "r"))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(
            code(
                () ->
                    FeatureStoreGrpc.newBlockingStub(channel)
                        .withInterceptors(
                            SigV4ClientInterceptor.of(
                                ServerFixture.ACCESS_KEY, "wrong", "us-east-1"))
                        .getRecord(get("fg", "r"))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void overTheRateLimitIsResourceExhausted() throws InterruptedException {
    AtomicLong frozen = new AtomicLong(7_000_000_000L);
    try (ServerFixture limited =
        ServerFixture.start(
            dataDir.resolve("limited"),
            b -> b.tpsLimit(Operation.GetRecord, 1).nanoClock(frozen::get))) {
      ManagedChannel ch =
          NettyChannelBuilder.forAddress("127.0.0.1", limited.server().grpcPort())
              .usePlaintext()
              .build();
      try {
        var s = FeatureStoreGrpc.newBlockingStub(ch);
        s.createFeatureGroup(group("fg"));
        s.getRecord(get("fg", "r"));
        assertThat(code(() -> s.getRecord(get("fg", "r"))))
            .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      } finally {
        ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static SigV4ClientInterceptor credentials() {
    return SigV4ClientInterceptor.of(
        ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY, "us-east-1");
  }

  static <T> StreamObserver<T> observer(CompletableFuture<T> done) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        done.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }

  private static Status.Code code(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
    throw new AssertionError("expected the call to fail");
  }
}
