package io.quiver.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/**
 * Clients built with no endpoint in code reach Quiver through {@code AWS_ENDPOINT_URL_SAGEMAKER}
 * and {@code AWS_ENDPOINT_URL_SAGEMAKER_FEATURESTORE_RUNTIME}, as unmodified SageMaker code would.
 * Environment variables cannot be set in-process, so the clients run in a child JVM ({@link
 * Probe}).
 */
class EndpointEnvironmentTest {
  @TempDir Path dataDir;

  @Test
  void sdkClientsFollowTheEndpointEnvironmentVariables() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(dataDir)) {
      ProcessBuilder child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Probe.class.getName())
              .redirectErrorStream(true);
      Map<String, String> env = child.environment();
      env.put("AWS_ENDPOINT_URL_SAGEMAKER", fixture.endpoint().toString());
      env.put("AWS_ENDPOINT_URL_SAGEMAKER_FEATURESTORE_RUNTIME", fixture.endpoint().toString());
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ACCESS_KEY_ID", ServerFixture.ACCESS_KEY);
      env.put("AWS_SECRET_ACCESS_KEY", ServerFixture.SECRET_KEY);
      Process process = child.start();
      String output = new String(process.getInputStream().readAllBytes(), UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("record=r1");
      assertThat(fixture.store().describeFeatureGroup("viaenv").name()).isEqualTo("viaenv");
    }
  }

  /** The child: SageMaker code with no endpoint configured. */
  public static final class Probe {
    public static void main(String[] args) {
      try (SageMakerClient sm = SageMakerClient.create();
          SageMakerFeatureStoreRuntimeClient runtime =
              SageMakerFeatureStoreRuntimeClient.create()) {
        FeatureGroups.create(sm, "viaenv");
        runtime.putRecord(
            r -> r.featureGroupName("viaenv").record(SdkRecords.record("r1", "1700000000", "1")));
        System.out.println(
            "record="
                + runtime
                    .getRecord(
                        r -> r.featureGroupName("viaenv").recordIdentifierValueAsString("r1"))
                    .record()
                    .get(0)
                    .valueAsString());
      }
    }
  }
}
