package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.InternalFailureException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.ServiceUnavailableException;

/**
 * Server faults as the SDKs parse them: unexpected failures are InternalFailure 500 with no
 * internals in the body, a store that cannot serve now is ServiceUnavailable 503; quota errors.
 */
class InternalFailureSdkTest {
  @TempDir Path dataDir;

  /**
   * The two clients against a server whose store throws {@code failure} on GetRecord and
   * ListFeatureGroups.
   */
  private interface Clients {
    void use(SageMakerFeatureStoreRuntimeClient runtime, SageMakerClient sm);
  }

  private void withFailingStore(Supplier<? extends RuntimeException> failure, Clients clients) {
    QuiverStore real = QuiverStore.open(StoreConfig.builder(dataDir).build());
    QuiverStore failing =
        FailingStore.wrap(real, Set.of("getRecord", "listFeatureGroups"), failure);
    try (ServerFixture fixture = ServerFixture.start(failing, b -> b);
        SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime();
        SageMakerClient sm = fixture.control()) {
      clients.use(runtime, sm);
    }
  }

  @Test
  void unexpectedExceptionIsInternalFailureWithoutStackTrace() {
    withFailingStore(
        () -> new IllegalStateException("secret internal detail"),
        (runtime, sm) -> {
          assertThatThrownBy(
                  () ->
                      runtime.getRecord(
                          r -> r.featureGroupName("fg").recordIdentifierValueAsString("a")))
              .isInstanceOfSatisfying(
                  InternalFailureException.class,
                  e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.getMessage())
                        .doesNotContain("secret internal detail")
                        .doesNotContain("IllegalStateException");
                  });
          assertThatThrownBy(() -> sm.listFeatureGroups(r -> {}))
              .isInstanceOfSatisfying(
                  SageMakerException.class,
                  e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                    assertThat(e.getMessage()).doesNotContain("secret internal detail");
                  });
        });
  }

  @Test
  void unavailableStoreIsServiceUnavailable503OnBothApis() {
    withFailingStore(
        () ->
            new io.quiver.storage.error.ServiceUnavailableException(
                "Cannot serve: the store is busy; retry"),
        (runtime, sm) -> {
          assertThatThrownBy(
                  () ->
                      runtime.getRecord(
                          r -> r.featureGroupName("fg").recordIdentifierValueAsString("a")))
              .isInstanceOfSatisfying(
                  ServiceUnavailableException.class,
                  e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("the store is busy");
                  });
          assertThatThrownBy(() -> sm.listFeatureGroups(r -> {}))
              .isInstanceOfSatisfying(
                  SageMakerException.class,
                  e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                  });
        });
  }

  @Test
  void featureGroupQuotaIsResourceLimitExceeded() {
    QuiverStore store = QuiverStore.open(StoreConfig.builder(dataDir).maxFeatureGroups(1).build());
    try (ServerFixture fixture = ServerFixture.start(store, b -> b);
        SageMakerClient sm = fixture.control()) {
      FeatureGroups.create(sm, "first");
      assertThatThrownBy(() -> FeatureGroups.create(sm, "second"))
          .isInstanceOf(ResourceLimitExceededException.class);
    }
  }
}
