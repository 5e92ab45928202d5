package io.quiver.spark;

import static io.quiver.spark.QuiverFixture.feature;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.protocol.client.FeatureStoreClient;
import io.quiver.server.config.Operation;
import io.quiver.spark.group.GroupDescriber;
import io.quiver.spark.group.GroupHandle;
import io.quiver.spark.group.ServiceEndpoint;
import io.quiver.spark.ingest.IngestionResult;
import io.quiver.spark.ingest.OnlineIngestion;
import io.quiver.storage.OnlineRecord;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stream ingestion into a server whose PutRecord limit throttles the job, through its gRPC port
 * (PutRecords streams) and its HTTP port (PutRecord through the AWS SDK).
 */
class OnlineIngestionTest {
  /** Rows of the throttled job: five seconds of the limit. */
  private static final int ROWS = 50;

  @TempDir static Path tmp;
  static QuiverFixture quiver;

  static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType)
          .add("ts", DataTypes.TimestampType)
          .add("score", DataTypes.StringType)
          .add("tags", DataTypes.createArrayType(DataTypes.StringType));

  @BeforeAll
  static void start() throws InterruptedException {
    // 10 PutRecords a second, a burst of 10: a 50-row job is throttled and must back off, not fail.
    // Its calls would have to take a quarter of a second each, on average, to stay under the limit
    // (a loaded machine slowed them to tens of milliseconds, under which a 100-a-second limit
    // throttled nothing).
    quiver = new QuiverFixture(tmp.resolve("data"), b -> b.tpsLimit(Operation.PutRecord, 10));
    quiver.createGroup(
        "live",
        true,
        true,
        List.of(
            feature("id", "String"),
            feature("ts", "String"),
            feature("score", "Fractional"),
            software.amazon.awssdk.services.sagemaker.model.FeatureDefinition.builder()
                .featureName("tags")
                .featureType("String")
                .collectionType("List")
                .build()));
  }

  @AfterAll
  static void stop() {
    quiver.close();
  }

  private static Dataset<Row> rows(String prefix, int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          RowFactory.create(
              prefix + i,
              java.sql.Timestamp.from(
                  java.time.Instant.parse("2024-05-01T10:00:00Z").plusSeconds(i)),
              i == 7 ? "seven" : Double.toString(i / 4.0),
              scala.jdk.javaapi.CollectionConverters.asScala(List.of("a" + i, "b")).toSeq()));
    }
    return quiver.spark.createDataFrame(rows, SCHEMA).repartition(2);
  }

  private static ServiceEndpoint endpoint(String port) {
    return port.equals("grpc") ? quiver.grpcEndpoint : quiver.endpoint;
  }

  /** PutRecord refusals counted by the server for {@code protocol}. */
  private static long throttled(String protocol) {
    long sum = 0;
    for (String line : quiver.server.metrics().scrape().split("\n")) {
      if (line.startsWith("quiver_throttled_total{protocol=\"" + protocol + "\"")) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http"})
  void rowsStreamWithBackoffWhenThrottledAndBadRowsAreKept(String port) {
    long throttledBefore = throttled(port);
    FeatureStoreManager manager = new FeatureStoreManager(endpoint(port)).concurrency(4);
    manager.ingestData(rows(port, ROWS), "live");

    List<Row> failed = manager.getFailedStreamIngestionDataFrame().collectAsList();
    assertThat(failed).extracting(r -> r.getString(4)).hasSize(1);
    assertThat(manager.lastResult().rowsWritten()).isEqualTo(ROWS - 1);
    assertThat(failed.get(0).getString(0)).isEqualTo(port + "7");
    assertThat(failed.get(0).getString(4))
        .isEqualTo(
            "Cannot put record into feature group live: value 'seven' of feature 'score' is not"
                + " a valid Fractional (expected: a finite decimal number such as 1.5 or 2e-3)");
    // the server refused some of the job's calls, and the job still wrote every good row
    assertThat(throttled(port)).isGreaterThan(throttledBefore);
    Optional<OnlineRecord> nine = quiver.store.getRecord("live", port + "9");
    assertThat(nine).isPresent();
    assertThat(nine.get().record().getDouble("score")).isEqualTo(2.25);
    assertThat(nine.get().record().getString("ts")).isEqualTo("2024-05-01T10:00:09Z");
    assertThat(nine.get().record().getList("tags")).containsExactly("a9", "b");
    for (int i = 0; i < ROWS; i++) {
      assertThat(quiver.store.getRecord("live", port + i).isPresent())
          .as(port + i)
          .isEqualTo(i != 7);
    }
    try (FeatureStoreClient client = quiver.grpcEndpoint.featureStore()) {
      Optional<Record> read = client.getRecord("live", port + (ROWS - 1), List.of("score"));
      assertThat(read).map(r -> r.getString("score")).contains("12.25");
    }
  }

  @Test
  void rowsTheServerRefusesAreKeptWithPutRecordsMessageAndTheRestGoIn() {
    // A handle that takes score for a String: the rows pass the connector's own check and the
    // server refuses the bad one in mid-stream; the rows after it must still be written.
    GroupHandle real = GroupDescriber.describe(quiver.grpcEndpoint, "live");
    List<GroupHandle.Feature> loose = new ArrayList<>();
    for (GroupHandle.Feature f : real.features()) {
      loose.add(
          f.name().equals("score") ? new GroupHandle.Feature("score", "String", null, null) : f);
    }
    GroupHandle handle =
        new GroupHandle(
            real.name(),
            real.arn(),
            real.creationTimeMillis(),
            real.recordIdentifier(),
            real.eventTime(),
            loose,
            real.onlineStore(),
            real.offlineBaseUri(),
            real.resolvedOutputUri());
    IngestionResult grpc =
        OnlineIngestion.run(rows("s", 30), quiver.grpcEndpoint, handle, List.of(), 2);
    IngestionResult http =
        OnlineIngestion.run(rows("r", 30), quiver.endpoint, handle, List.of(), 2);

    assertThat(grpc.rowsWritten()).isEqualTo(29);
    assertThat(grpc.failed()).hasSize(1);
    assertThat(grpc.failed().get(0).row().getString(0)).isEqualTo("s7");
    // the same words as PutRecord over HTTP, code included
    assertThat(grpc.failed().get(0).error())
        .startsWith("ValidationError: Cannot put record into feature group live: value 'seven'")
        .isEqualTo(http.failed().get(0).error());
    for (int i = 0; i < 30; i++) {
      assertThat(quiver.store.getRecord("live", "s" + i).isPresent()).as("s" + i).isEqualTo(i != 7);
    }
  }

  @Test
  void theGrpcPortDescribesGroupsAsTheHttpPortDoes() {
    assertThat(GroupDescriber.describe(quiver.grpcEndpoint, "live"))
        .isEqualTo(GroupDescriber.describe(quiver.endpoint, "live"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http"})
  void targetStoresAreSentWithEachRecord(String port) {
    FeatureStoreManager manager = new FeatureStoreManager(endpoint(port));
    Dataset<Row> one = rows(port, 1);
    manager.ingestData(
        one.withColumn("id", org.apache.spark.sql.functions.lit(port + "-both-stores")), "live");
    manager.ingestData(
        one.withColumn("id", org.apache.spark.sql.functions.lit(port + "-only-online")),
        "live",
        List.of("OnlineStore"));
    assertThat(manager.getFailedStreamIngestionDataFrame().collectAsList()).isEmpty();
    assertThat(manager.lastResult().rowsWritten()).isEqualTo(1);
    assertThat(quiver.store.getRecord("live", port + "-only-online")).isPresent();
    // staged for the offline store only when it was a target (the flush age is a minute)
    assertThat(quiver.store.offlineSnapshot("live").stagedRecords())
        .extracting(r -> r.record().getString("id"))
        .contains(port + "-both-stores")
        .doesNotContain(port + "-only-online");
  }
}
