package io.quiver.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.SdkRecords;
import io.quiver.server.ServerFixture;
import io.quiver.server.cli.QuiverCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");
  private static final int WRITERS = 8;
  private static final int IDENTIFIERS = 40;

  @TempDir Path dataDir;

  @Test
  @Timeout(300)
  void everyAcknowledgedPutSurvivesAKillDuringConcurrentPuts() throws Exception {
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    Process server = serve();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + port(server));
      try (SageMakerClient sm =
          SageMakerClient.builder()
              .endpointOverride(endpoint)
              .region(Region.US_EAST_1)
              .credentialsProvider(ServerFixture.credentials("a", "b"))
              .httpClientBuilder(ApacheHttpClient.builder())
              .build()) {
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
        server.destroyForcibly(); // SIGKILL while the writers are still putting
        server.waitFor(60, TimeUnit.SECONDS);
        for (Future<?> writer : writers) {
          writer.get(); // each ends at its first failed put
        }
      } finally {
        pool.shutdownNow();
      }
    } finally {
      server.destroyForcibly();
      server.waitFor(60, TimeUnit.SECONDS);
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

  private Process serve() throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            QuiverCommand.class.getName(),
            "serve",
            "--data-dir",
            dataDir.toString(),
            "--port",
            "0",
            "--grpc-port",
            "-1",
            "--flight-sql-port",
            "-1",
            "--tps-limit",
            "PutRecord=10000000")
        .redirectErrorStream(true)
        .start();
  }

  private static int port(Process process) throws InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process was killed
              }
            },
            "crash-server-output");
    reader.setDaemon(true);
    reader.start();
    List<String> seen = new ArrayList<>();
    while (true) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      assertThat(line).as("server output so far: %s", seen).isNotNull();
      seen.add(line);
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
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
