package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.error.ServiceUnavailableException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/** A store that cannot take a request now answers ServiceUnavailable 503, which both SDKs parse. */
class ServiceUnavailableSdkTest {
  @TempDir Path dataDir;

  @Test
  void unavailableStoreIsServiceUnavailable503OnBothApis() {
    QuiverStore real = QuiverStore.open(StoreConfig.builder(dataDir).build());
    QuiverStore unavailable =
        FailingStore.wrap(real, Set.of("getRecord", "listFeatureGroups"), () -> new ServiceUnavailableException("Cannot serve: the store is busy; retry"));
    try (ServerFixture fixture = ServerFixture.start(unavailable, b -> b);
        SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime();
        SageMakerClient sm = fixture.control()) {
      assertThatThrownBy(() -> runtime.getRecord(r -> r.featureGroupName("fg").recordIdentifierValueAsString("a")))
          .isInstanceOfSatisfying(
              software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.ServiceUnavailableException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.awsErrorDetails().errorMessage()).contains("the store is busy");
              });
      assertThatThrownBy(() -> sm.listFeatureGroups(r -> {}))
          .isInstanceOfSatisfying(SageMakerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
          });
    }
  }
}
