package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.server.FeatureGroups;
import io.quiver.server.SdkRecords;
import io.quiver.server.ServeProcess;
import io.quiver.storage.offline.S3ProxyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.OfflineStoreConfig;
import software.amazon.awssdk.services.sagemaker.model.S3StorageConfig;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/**
 * An offline store on an S3-compatible server, end to end, configured as a user would: {@code
 * quiver serve} reaches it through the standard AWS environment variables and writes history there
 * (issue 21: every flush failed on the SDK's default request checksums, and the message left out
 * why); {@code quiver sql}, {@code dataset} and {@code bias} read it through their {@code --s3-*}
 * options while the server runs, seeing the records it flushed to S3 and those it still stages.
 */
class S3OfflineStoreTest {
  private static final String BUCKET = "history";

  @TempDir Path dataDir;

  @Test
  void serveWritesHistoryToS3AndEveryReaderSeesFlushedAndStagedRecords() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.get();
    s3.createBucket(BUCKET);
    Map<String, String> environment =
        Map.of(
            "AWS_ENDPOINT_URL_S3",
            s3.endpoint().toString(),
            "AWS_ACCESS_KEY_ID",
            S3ProxyServer.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY",
            S3ProxyServer.SECRET_KEY,
            "AWS_REGION",
            "us-east-1");
    // Four records reach S3 when the server stops (closing flushes what is staged).
    try (ServeProcess serve = ServeProcess.start(dataDir, environment)) {
      try (SageMakerClient sm = serve.sageMaker()) {
        sm.createFeatureGroup(
            FeatureGroups.simple("people")
                .offlineStoreConfig(
                    OfflineStoreConfig.builder()
                        .s3StorageConfig(
                            S3StorageConfig.builder().s3Uri("s3://" + BUCKET + "/store").build())
                        .build())
                .build());
      }
      put(serve, 0, 4, "a");
      serve.stop();
      assertThat(serve.output())
          .as("the close flushes to S3")
          .noneMatch(l -> l.contains("Cannot"))
          .anySatisfy(l -> assertThat(l).contains("Quiver stopped cleanly"));
    }
    assertThat(parquetObjects(s3)).isNotEmpty();
    // Four more stay staged in the restarted server: two of facet a, two of facet b.
    try (ServeProcess serve = ServeProcess.start(dataDir, environment)) {
      put(serve, 4, 6, "a");
      put(serve, 6, 8, "b");

      assertThat(quiver("sql", "--format", "csv", "SELECT count(*) AS n FROM people"))
          .containsExactly("n", "8");
      List<String> dataset = quiver("dataset", "--base-group", "people", "--join", "people:id:n");
      assertThat(dataset).hasSize(1 + 8);
      JsonNode analysis =
          new ObjectMapper()
              .readTree(
                  String.join(
                      "\n",
                      quiver(
                          "bias",
                          "--feature-group",
                          "people",
                          "--label",
                          "n",
                          "--label-values",
                          "1",
                          "--facet",
                          "s",
                          "--facet-values",
                          "b")));
      // Six rows of facet a and two of b: CI = (6 - 2) / 8 only if both halves were read.
      JsonNode metrics =
          analysis.path("pre_training_bias_metrics").path("facets").path("s").path(0);
      double ci = 0;
      for (JsonNode metric : metrics.path("metrics")) {
        if (metric.path("name").asText().equals("CI")) {
          ci = metric.path("value").asDouble();
        }
      }
      assertThat(ci).isCloseTo(0.5, within(1e-9));
      serve.stop();
      assertThat(serve.output()).anySatisfy(l -> assertThat(l).contains("Quiver stopped cleanly"));
    }
    assertThat(quiver("sql", "--format", "csv", "SELECT count(*) AS n FROM people"))
        .containsExactly("n", "8");
  }

  private static void put(ServeProcess serve, int from, int to, String facet) {
    try (SageMakerFeatureStoreRuntimeClient runtime = serve.runtime()) {
      for (int i = from; i < to; i++) {
        String id = "p" + i;
        var values =
            new ArrayList<>(SdkRecords.record(id, "170000000" + i, Integer.toString(i % 2)));
        values.add(SdkRecords.value("s", facet));
        runtime.putRecord(r -> r.featureGroupName("people").record(values));
      }
    }
  }

  /** Runs a reading command on the data directory with S3 given by options; its output lines. */
  private List<String> quiver(String command, String... arguments) {
    S3ProxyServer s3 = S3ProxyServer.get();
    List<String> all =
        new ArrayList<>(
            List.of(
                command,
                "--data-dir",
                dataDir.toString(),
                "--s3-endpoint",
                s3.endpoint().toString(),
                "--s3-access-key-id",
                S3ProxyServer.ACCESS_KEY,
                "--s3-secret-access-key",
                S3ProxyServer.SECRET_KEY));
    all.addAll(List.of(arguments));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    assertThat(line.execute(all.toArray(String[]::new))).as(err.toString()).isZero();
    return out.toString().lines().toList();
  }

  private static List<String> parquetObjects(S3ProxyServer s3) {
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
            .build()) {
      return client
          .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("store/"))
          .contents()
          .stream()
          .map(o -> o.key())
          .filter(k -> k.endsWith(".parquet"))
          .toList();
    }
  }
}
