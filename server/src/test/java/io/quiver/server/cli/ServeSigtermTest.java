package io.quiver.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.SdkRecords;
import io.quiver.server.ServerFixture;
import io.quiver.storage.QuiverStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/** {@code quiver serve} in its own JVM: SIGTERM drains, closes the store, and loses no write. */
class ServeSigtermTest {
  private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");
  private static final String EOF = "\u0000EOF";

  @TempDir Path dataDir;

  @Test
  void sigtermStopsCleanlyAndKeepsAcknowledgedWrites() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                QuiverCommand.class.getName(),
                "serve",
                "--data-dir",
                dataDir.toString(),
                "--port",
                "0",
                "--grpc-port",
                "0",
                "--flight-sql-port",
                "0")
            .redirectErrorStream(true)
            .start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> pump(process, lines), "serve-output");
    reader.start();
    List<String> seen = new ArrayList<>();
    int port = -1;
    while (port < 0) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      assertThat(line).as("server output so far: %s", seen).isNotNull().isNotEqualTo(EOF);
      seen.add(line);
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      }
    }
    assertThat(seen).anySatisfy(l -> assertThat(l).contains("Authentication is off"));
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try (SageMakerClient sm =
            SageMakerClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(ServerFixture.credentials("a", "b"))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        SageMakerFeatureStoreRuntimeClient runtime =
            SageMakerFeatureStoreRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(ServerFixture.credentials("a", "b"))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
      FeatureGroups.create(sm, "fg");
      runtime.putRecord(
          r -> r.featureGroupName("fg").record(SdkRecords.record("kept", "1700000000", "1")));
    }

    process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of the pipe
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    reader.join();
    for (String line = lines.poll(); line != null; line = lines.poll()) {
      seen.add(line);
    }
    assertThat(seen).anySatisfy(l -> assertThat(l).contains("draining"));
    assertThat(seen).anySatisfy(l -> assertThat(l).contains("Quiver stopped cleanly"));
    try (QuiverStore store = QuiverStore.open(dataDir)) {
      assertThat(store.getRecord("fg", "kept")).isPresent();
    }
  }

  private static void pump(Process process, BlockingQueue<String> lines) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lines.add(EOF);
    }
  }
}
