package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.SdkRecords;
import io.quiver.server.ServeProcess;
import io.quiver.server.config.ServerConfig;
import io.quiver.storage.QuiverStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/** {@code quiver serve} in its own JVM: SIGTERM drains, closes the store, and loses no write. */
class ServeSigtermTest {
  @TempDir Path dataDir;

  @Test
  void sigtermStopsCleanlyAndKeepsAcknowledgedWrites() throws Exception {
    try (ServeProcess serve = ServeProcess.start(dataDir, Map.of())) {
      assertThat(serve.output()).anySatisfy(l -> assertThat(l).contains("Authentication is off"));
      int loops = ServerConfig.defaultEventLoops(Runtime.getRuntime().availableProcessors());
      assertThat(serve.output())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("Quiver is serving")
                      .endsWith(
                          "; "
                              + loops
                              + (loops == 1 ? " event loop" : " event loops")
                              + " per port, polling up to 50us before blocking (--busy-poll)"));
      try (SageMakerClient sm = serve.sageMaker();
          SageMakerFeatureStoreRuntimeClient runtime = serve.runtime()) {
        FeatureGroups.create(sm, "fg");
        runtime.putRecord(
            r -> r.featureGroupName("fg").record(SdkRecords.record("kept", "1700000000", "1")));
      }
      serve.stop();
      assertThat(serve.output()).anySatisfy(l -> assertThat(l).contains("draining"));
      assertThat(serve.output()).anySatisfy(l -> assertThat(l).contains("Quiver stopped cleanly"));
    }
    try (QuiverStore store = QuiverStore.open(dataDir)) {
      assertThat(store.getRecord("fg", "kept")).isPresent();
    }
  }
}
