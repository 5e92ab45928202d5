package io.quiver.spark;

import static io.quiver.spark.QuiverFixture.feature;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Operation;
import io.quiver.storage.OnlineRecord;
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

/** Stream ingestion into a server whose PutRecord limit throttles the job. */
class OnlineIngestionTest {
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
    // 100 PutRecords a second: a 400-row job is throttled and must back off, not fail
    quiver = new QuiverFixture(tmp.resolve("data"), b -> b.tpsLimit(Operation.PutRecord, 100));
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

  private static Dataset<Row> rows(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          RowFactory.create(
              "u" + i,
              java.sql.Timestamp.from(
                  java.time.Instant.parse("2024-05-01T10:00:00Z").plusSeconds(i)),
              i == 7 ? "seven" : Double.toString(i / 4.0),
              scala.jdk.javaapi.CollectionConverters.asScala(List.of("a" + i, "b")).toSeq()));
    }
    return quiver.spark.createDataFrame(rows, SCHEMA).repartition(2);
  }

  @Test
  void rowsStreamThroughPutRecordWithBackoffAndBadRowsAreKept() {
    FeatureStoreManager manager = new FeatureStoreManager(quiver.endpoint).concurrency(4);
    manager.ingestData(rows(400), "live");

    List<Row> failed = manager.getFailedStreamIngestionDataFrame().collectAsList();
    assertThat(failed).extracting(r -> r.getString(4)).hasSize(1);
    assertThat(manager.lastResult().rowsWritten()).isEqualTo(399);
    assertThat(failed.get(0).getString(0)).isEqualTo("u7");
    assertThat(failed.get(0).getString(4))
        .isEqualTo(
            "Cannot put record into feature group live: value 'seven' of feature 'score' is not"
                + " a valid Fractional (expected: a finite decimal number such as 1.5 or 2e-3)");
    Optional<OnlineRecord> u9 = quiver.store.getRecord("live", "u9");
    assertThat(u9).isPresent();
    assertThat(u9.get().record().getDouble("score")).isEqualTo(2.25);
    assertThat(u9.get().record().getString("ts")).isEqualTo("2024-05-01T10:00:09Z");
    assertThat(u9.get().record().getList("tags")).containsExactly("a9", "b");
    for (int i = 0; i < 400; i++) {
      assertThat(quiver.store.getRecord("live", "u" + i).isPresent()).as("u" + i).isEqualTo(i != 7);
    }
  }

  @Test
  void targetStoresAreSentWithEachRecord() {
    FeatureStoreManager manager = new FeatureStoreManager(quiver.endpoint);
    Dataset<Row> one = rows(1);
    manager.ingestData(
        one.withColumn("id", org.apache.spark.sql.functions.lit("both-stores")), "live");
    manager.ingestData(
        one.withColumn("id", org.apache.spark.sql.functions.lit("only-online")),
        "live",
        List.of("OnlineStore"));
    assertThat(manager.getFailedStreamIngestionDataFrame().collectAsList()).isEmpty();
    assertThat(manager.lastResult().rowsWritten()).isEqualTo(1);
    assertThat(quiver.store.getRecord("live", "only-online")).isPresent();
    // staged for the offline store only when it was a target (the flush age is a minute)
    assertThat(quiver.store.offlineSnapshot("live").stagedRecords())
        .extracting(r -> r.record().getString("id"))
        .contains("both-stores")
        .doesNotContain("only-online");
  }
}
