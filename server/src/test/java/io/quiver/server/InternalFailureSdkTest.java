package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.InternalFailureException;

/** Unexpected failures are InternalFailure 500 with no internals in the body; quota errors. */
class InternalFailureSdkTest {
  @TempDir Path dataDir;

  @Test
  void unexpectedExceptionIsInternalFailureWithoutStackTrace() {
    QuiverStore real = QuiverStore.open(StoreConfig.builder(dataDir).build());
    QuiverStore broken =
        FailingStore.wrap(real, Set.of("getRecord", "listFeatureGroups"), () -> new IllegalStateException("secret internal detail"));
    try (ServerFixture fixture = ServerFixture.start(broken, b -> b);
        SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime();
        SageMakerClient sm = fixture.control()) {
      assertThatThrownBy(() -> runtime.getRecord(r -> r.featureGroupName("fg").recordIdentifierValueAsString("a")))
          .isInstanceOfSatisfying(InternalFailureException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.getMessage()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
          });
      assertThatThrownBy(() -> sm.listFeatureGroups(r -> {}))
          .isInstanceOfSatisfying(SageMakerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            assertThat(e.getMessage()).doesNotContain("secret internal detail");
          });
    }
  }

  @Test
  void featureGroupQuotaIsResourceLimitExceeded() {
    QuiverStore store = QuiverStore.open(StoreConfig.builder(dataDir).maxFeatureGroups(1).build());
    try (ServerFixture fixture = ServerFixture.start(store, b -> b);
        SageMakerClient sm = fixture.control()) {
      FeatureGroups.create(sm, "first");
      assertThatThrownBy(() -> FeatureGroups.create(sm, "second")).isInstanceOf(ResourceLimitExceededException.class);
    }
  }
}
