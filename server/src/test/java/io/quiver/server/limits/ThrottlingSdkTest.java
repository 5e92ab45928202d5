package io.quiver.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.server.FeatureGroups;
import io.quiver.server.InterceptedStore;
import io.quiver.server.ServerFixture;
import io.quiver.server.config.Operation;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.BatchGetRecordIdentifier;

/**
 * Throughput and concurrency limits as the AWS SDK sees them. The token buckets run on a frozen
 * clock.
 */
class ThrottlingSdkTest {
  @TempDir Path dataDir;
  private final AtomicLong frozen = new AtomicLong(42_000_000_000L);

  @Test
  void getRecordOverItsLimitIsThrottlingExceptionTheSdkRecognises() {
    try (ServerFixture fixture =
            ServerFixture.start(
                dataDir, b -> b.tpsLimit(Operation.GetRecord, 2).nanoClock(frozen::get));
        SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime()) {
      FeatureGroups.create(fixture.control(), "fg");
      runtime.getRecord(r -> r.featureGroupName("fg").recordIdentifierValueAsString("a"));
      runtime.getRecord(r -> r.featureGroupName("fg").recordIdentifierValueAsString("a"));
      assertThatThrownBy(
              () ->
                  runtime.getRecord(
                      r -> r.featureGroupName("fg").recordIdentifierValueAsString("a")))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.isThrottlingException()).isTrue();
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(e.statusCode()).isEqualTo(400);
              });
      // Other operations have their own buckets.
      runtime.putRecord(
          r ->
              r.featureGroupName("fg")
                  .record(io.quiver.server.SdkRecords.record("a", "1700000000", "1")));
      assertThat(fixture.server().metrics().scrape())
          .contains("quiver_throttled_total{protocol=\"http\",operation=\"GetRecord\"} 1");
      frozen.addAndGet(1_000_000_000L);
      runtime.getRecord(r -> r.featureGroupName("fg").recordIdentifierValueAsString("a"));
    }
  }

  @Test
  void batchGetRecordDefaultsTo500PerSecond() {
    try (ServerFixture fixture = ServerFixture.start(dataDir, b -> b.nanoClock(frozen::get));
        SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime()) {
      FeatureGroups.create(fixture.control(), "fg");
      BatchGetRecordIdentifier id =
          BatchGetRecordIdentifier.builder()
              .featureGroupName("fg")
              .recordIdentifiersValueAsString("a")
              .build();
      for (int i = 0; i < 500; i++) {
        runtime.batchGetRecord(r -> r.identifiers(id));
      }
      assertThatThrownBy(() -> runtime.batchGetRecord(r -> r.identifiers(id)))
          .isInstanceOfSatisfying(
              AwsServiceException.class, e -> assertThat(e.isThrottlingException()).isTrue());
    }
  }

  @Test
  void controlPlaneThrottlingUsesTheJsonShape() {
    try (ServerFixture fixture =
            ServerFixture.start(
                dataDir, b -> b.tpsLimit(Operation.ListFeatureGroups, 1).nanoClock(frozen::get));
        SageMakerClient sm = fixture.control()) {
      sm.listFeatureGroups(r -> {});
      assertThatThrownBy(() -> sm.listFeatureGroups(r -> {}))
          .isInstanceOfSatisfying(
              SageMakerException.class,
              e -> {
                assertThat(e.isThrottlingException()).isTrue();
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              });
    }
  }

  @Test
  void moreConcurrentCreationsThanAllowedIsResourceLimitExceeded() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    QuiverStore real = QuiverStore.open(StoreConfig.builder(dataDir).build());
    QuiverStore store =
        InterceptedStore.wrap(
            real,
            (method, args) -> {
              if (method.getName().equals("createFeatureGroup")
                  && ((FeatureGroupSpec) args[0]).featureGroupName().equals("slow")) {
                entered.countDown();
                release.await();
              }
              return InterceptedStore.PROCEED;
            });
    try (ServerFixture fixture = ServerFixture.start(store, b -> b.maxConcurrentCreations(1));
        SageMakerClient sm = fixture.control()) {
      CompletableFuture<String> slow =
          CompletableFuture.supplyAsync(() -> FeatureGroups.create(sm, "slow"));
      entered.await();
      assertThatThrownBy(() -> FeatureGroups.create(sm, "fast"))
          .isInstanceOf(ResourceLimitExceededException.class);
      release.countDown();
      assertThat(slow.get()).endsWith("/slow");
      assertThat(FeatureGroups.create(sm, "fast")).endsWith("/fast");
    }
  }
}
