package io.quiver.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.SdkRecords;
import io.quiver.server.ServeProcess;
import io.quiver.server.ServerFixture;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.FeatureValue;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.GetRecordResponse;

/**
 * {@code kill -9} of a server while many connections put records (committed in groups on its event
 * loops): after a restart every acknowledged PutRecord is there, or a later one of its identifier.
 */
class PutRecordCrashTest {
  private static final int WRITERS = 8;
  private static final int IDENTIFIERS = 40;

  @TempDir Path dataDir;

  @Test
  @Timeout(300)
  void everyAcknowledgedPutSurvivesAKillDuringConcurrentPuts() throws Exception {
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    try (ServeProcess server =
        ServeProcess.start(
            dataDir,
            Map.of(),
            "--grpc-port",
            "-1",
            "--flight-sql-port",
            "-1",
            "--tps-limit",
            "PutRecord=10000000")) {
      URI endpoint = server.endpoint();
      try (SageMakerClient sm = server.sageMaker()) {
        FeatureGroups.create(sm, "fg");
      }
      AtomicInteger count = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          writers.add(pool.submit(() -> write(endpoint, writer, acknowledged, count)));
        }
        while (count.get() < 3_000) {
          assertThat(server.isAlive()).as("server died before the kill").isTrue();
          Thread.onSpinWait();
        }
        server.kill(); // while the writers are still putting
        for (Future<?> writer : writers) {
          writer.get(); // each ends at its first failed put
        }
      } finally {
        pool.shutdownNow();
      }
    }

    assertThat(acknowledged).hasSize(IDENTIFIERS);
    try (ServerFixture restarted = ServerFixture.start(dataDir);
        SageMakerFeatureStoreRuntimeClient runtime = restarted.runtime()) {
      for (Map.Entry<String, Long> entry : acknowledged.entrySet()) {
        GetRecordResponse stored =
            runtime.getRecord(
                b -> b.featureGroupName("fg").recordIdentifierValueAsString(entry.getKey()));
        assertThat(stored.hasRecord()).as(entry.getKey()).isTrue();
        assertThat(Long.parseLong(valueOf(stored.record(), "ts")))
            .as(entry.getKey())
            .isGreaterThanOrEqualTo(entry.getValue());
      }
    }
  }

  /** Puts until a put fails (the server is gone), recording each acknowledged event time. */
  private static void write(
      URI endpoint, int writer, Map<String, Long> acknowledged, AtomicInteger count) {
    try (SageMakerFeatureStoreRuntimeClient runtime =
        SageMakerFeatureStoreRuntimeClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(ServerFixture.credentials("a", "b"))
            .httpClientBuilder(ApacheHttpClient.builder())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      for (long i = 0; ; i++) {
        long ts = 1_700_000_000L + i * WRITERS + writer;
        String id = "k" + ((i * WRITERS + writer) % IDENTIFIERS);
        List<FeatureValue> record = SdkRecords.record(id, Long.toString(ts), "1");
        try {
          runtime.putRecord(b -> b.featureGroupName("fg").record(record));
        } catch (SdkClientException e) {
          return; // the server was killed
        }
        acknowledged.merge(id, ts, Math::max);
        count.incrementAndGet();
      }
    }
  }

  private static String valueOf(List<FeatureValue> record, String name) {
    return record.stream()
        .filter(v -> v.featureName().equals(name))
        .findFirst()
        .orElseThrow()
        .valueAsString();
  }
}
