package io.quiver.spark;

import static io.quiver.spark.QuiverFixture.feature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spark.ingest.OfflineOptions;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.ParquetCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

class OfflineIngestionTest {
  @TempDir static Path tmp;
  static QuiverFixture quiver;

  static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType)
          .add("ts", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType)
          .add("city", DataTypes.StringType);

  @BeforeAll
  static void start() throws InterruptedException {
    quiver = new QuiverFixture(tmp.resolve("data"));
  }

  @AfterAll
  static void stop() {
    quiver.close();
  }

  private static void createGroup(String name) {
    quiver.createGroup(
        name,
        false,
        true,
        List.of(
            feature("id", "Integral"),
            feature("ts", "String"),
            feature("amount", "Fractional"),
            feature("city", "String")));
  }

  /** {@code n} rows over 5 hours of 2024-03-01, ids 0..n-1. */
  private static Dataset<Row> rows(int n, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String ts = String.format(java.util.Locale.ROOT, "2024-03-01T%02d:%02d:00Z", i % 5, i % 60);
      rows.add(RowFactory.create((long) i, ts, i * 0.5, i % 3 == 0 ? null : "c" + (i % 7)));
    }
    return quiver.spark.createDataFrame(rows, SCHEMA).repartition(partitions);
  }

  private static Path dataFolder(String group) throws IOException {
    Path offline = quiver.dataDir.resolve("offline-store");
    try (Stream<Path> found = Files.walk(offline)) {
      return found
          .filter(p -> p.getFileName().toString().equals("data"))
          .filter(p -> p.getParent().getFileName().toString().startsWith(group + "-"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static long[] duckdb(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      long[] out = new long[r.getMetaData().getColumnCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = r.getLong(i + 1);
      }
      return out;
    }
  }

  @Test
  void partitionsWriteTheLayoutAndEveryReaderSeesEachRowOnce() throws Exception {
    createGroup("orders");
    FeatureStoreManager manager = new FeatureStoreManager(quiver.endpoint);
    manager.ingestData(rows(1000, 3), "orders", List.of("OfflineStore"));

    Path data = dataFolder("orders");
    String glob = data + "/*/*/*/*/*.parquet";
    // DuckDB: every row once, hive partitions from the folders, Quiver's columns
    long[] counts =
        duckdb(
            "SELECT count(*), count(DISTINCT id), sum(CAST(amount * 2 AS BIGINT)),"
                + " count(DISTINCT hour), sum(CASE WHEN is_deleted THEN 1 ELSE 0 END),"
                + " count(DISTINCT write_time), count(city)"
                + " FROM read_parquet('"
                + glob
                + "', hive_partitioning = true)");
    assertThat(counts).containsExactly(1000, 1000, 999L * 1000 / 2, 5, 0, 1, 666);
    // the store itself lists the files (names of the layout) and nothing is left staged
    assertThat(quiver.store.listOfflineFiles("orders")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(data.getParent().resolve("_quiver_staging"))
        .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    try (Stream<Path> files = Files.walk(data)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .allMatch(n -> n.matches("\\d{8}T\\d{6}Z_[0-9A-Za-z]{16}\\.parquet"));
    }
    // Spark reads the folder back
    Dataset<Row> back = quiver.spark.read().parquet(data.toString());
    assertThat(back.count()).isEqualTo(1000);
    assertThat(back.select("hour").distinct().count()).isEqualTo(5);
  }

  @Test
  void aTaskKilledMidWriteAndRetriedLeavesNoDuplicate() throws Exception {
    createGroup("retried");
    Path groupFolder = dataFolderOf("retried").getParent();
    String staging = groupFolder.resolve("_quiver_staging").toString();
    Dataset<Row> input = rows(3000, 2);
    // the first attempt of partition 1 dies once its writer has staged files of its own
    Dataset<Row> failing =
        input.map(
            (MapFunction<Row, Row>)
                row -> {
                  TaskContext task = TaskContext.get();
                  if (task.partitionId() == 1
                      && task.attemptNumber() == 0
                      && row.getLong(0) % 20 == 0
                      && stagedFiles(Path.of(staging), "p1-a0") > 0) {
                    throw new IllegalStateException("executor lost");
                  }
                  return row;
                },
            Encoders.row(SCHEMA));
    FeatureStoreManager manager =
        new FeatureStoreManager(quiver.endpoint)
            .offlineOptions(new OfflineOptions(ParquetCodec.ZSTD, 50, 200, false));
    manager.ingestData(failing, "retried", List.of("OfflineStore"));

    Path data = dataFolder("retried");
    long[] counts =
        duckdb(
            "SELECT count(*), count(DISTINCT id), count(DISTINCT write_time) FROM read_parquet('"
                + data
                + "/*/*/*/*/*.parquet')");
    assertThat(counts).containsExactly(3000, 3000, 1);
    assertThat(quiver.spark.read().parquet(data.toString()).count()).isEqualTo(3000);
    // the store lists exactly the files the job committed, each once
    assertThat(quiver.store.listOfflineFiles("retried"))
        .hasSize(manager.lastResult().files())
        .doesNotHaveDuplicates();
    try (Stream<Path> left = Files.walk(groupFolder.resolve("_quiver_staging"))) {
      assertThat(left.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void aCommitLeftByADeadDriverIsCompletedByTheNextIngestion() throws Exception {
    createGroup("replayed");
    FeatureStoreManager manager = new FeatureStoreManager(quiver.endpoint);
    manager.ingestData(rows(100, 1), "replayed", List.of("OfflineStore"));
    Path data = dataFolder("replayed");
    // a driver that died half-way through its moves: the list written, one file moved, one not
    Path job = data.getParent().resolve("_quiver_staging").resolve("1700000000-dead");
    Path staged = job.resolve("p0-a0").resolve("year=2024/month=03/day=01/hour=07");
    Files.createDirectories(staged);
    Path stagedFile = staged.resolve("20240301T070000Z_0000000000000001.parquet");
    Path movedFile =
        data.resolve("year=2024/month=03/day=01/hour=08/20240301T080000Z_0000000000000002.parquet");
    try (Stream<Path> existing = Files.walk(data)) {
      Path sample = existing.filter(Files::isRegularFile).findFirst().orElseThrow();
      Files.copy(sample, stagedFile);
      Files.createDirectories(movedFile.getParent());
      Files.copy(sample, movedFile);
    }
    Path target =
        data.resolve("year=2024/month=03/day=01/hour=07").resolve(stagedFile.getFileName());
    Files.writeString(
        job.resolve("_commit"),
        "file:"
            + stagedFile
            + "\tfile:"
            + target
            + "\n"
            + "file:"
            + job.resolve("p0-a0/gone.parquet")
            + "\tfile:"
            + movedFile
            + "\n");

    manager.ingestData(rows(10, 1), "replayed", List.of("OfflineStore"));

    assertThat(target).exists();
    assertThat(job).doesNotExist();
    long[] counts = duckdb("SELECT count(*) FROM read_parquet('" + data + "/*/*/*/*/*.parquet')");
    // the first job's 100 rows, the replayed and the moved file (a copy of one of its files each),
    // and the second job's 10
    long sampleRows = duckdb("SELECT count(*) FROM read_parquet('" + target + "')")[0];
    assertThat(counts[0]).isEqualTo(100 + 2 * sampleRows + 10);
  }

  private static long stagedFiles(Path staging, String attempt) throws IOException {
    if (!Files.exists(staging)) {
      return 0;
    }
    try (Stream<Path> found = Files.walk(staging)) {
      return found
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> p.toString().contains("/" + attempt + "/"))
          .count();
    }
  }

  private static Path dataFolderOf(String group) {
    try (SageMakerClient control = quiver.endpoint.control()) {
      String uri =
          control
              .describeFeatureGroup(b -> b.featureGroupName(group))
              .offlineStoreConfig()
              .s3StorageConfig()
              .resolvedOutputS3Uri();
      return Path.of(java.net.URI.create(uri));
    }
  }

  @Test
  void badRowsAreCollectedWithPutRecordsMessageAndTheRestWritten() throws Exception {
    quiver.createGroup(
        "typed",
        false,
        true,
        List.of(feature("id", "Integral"), feature("ts", "Fractional"), feature("n", "Integral")));
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("ts", DataTypes.DoubleType)
            .add("n", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create("1", 1.7e9, "5"),
            RowFactory.create("x", 1.7e9, "5"),
            RowFactory.create("3", 1.7e9, "five"),
            RowFactory.create(null, 1.7e9, "5"),
            RowFactory.create("5", null, "5"),
            RowFactory.create("6", 1.7e9, null));
    FeatureStoreManager manager = new FeatureStoreManager(quiver.endpoint);
    manager.ingestData(
        quiver.spark.createDataFrame(rows, schema).coalesce(1), "typed", List.of("OfflineStore"));

    List<Row> failed =
        manager.getFailedStreamIngestionDataFrame().orderBy("ts", "n").collectAsList();
    assertThat(failed)
        .extracting(r -> r.getString(3))
        .containsExactlyInAnyOrder(
            "Cannot put record into feature group typed: value 'x' of feature 'id'"
                + " is not a valid Integral (expected: a 64-bit signed integer,"
                + " -9223372036854775808 to 9223372036854775807)",
            "Cannot put record into feature group typed: value 'five' of feature 'n' is not a"
                + " valid Integral (expected: a 64-bit signed integer, -9223372036854775808 to"
                + " 9223372036854775807)",
            "Cannot put record into feature group typed: the record identifier feature 'id' is"
                + " required in every record",
            "Cannot put record into feature group typed: the event time feature 'ts' is required"
                + " in every record");
    assertThat(manager.lastResult().rowsWritten()).isEqualTo(2);
    long[] counts =
        duckdb(
            "SELECT count(*), sum(id), count(n) FROM read_parquet('"
                + dataFolder("typed")
                + "/*/*/*/*/*.parquet')");
    assertThat(counts).containsExactly(2, 7, 1);
  }

  @Test
  void aSchemaThatDoesNotFitIsRefusedBeforeAnyWrite() {
    createGroup("strict");
    Dataset<Row> extra =
        rows(10, 1).withColumn("colour", org.apache.spark.sql.functions.lit("red"));
    FeatureStoreManager manager = new FeatureStoreManager(quiver.endpoint);
    assertThatThrownBy(() -> manager.ingestData(extra, "strict", List.of("OfflineStore")))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot put record into feature group strict: feature 'colour' is not defined in the"
                + " feature group");
    Dataset<Row> noId = rows(10, 1).drop("id");
    assertThatThrownBy(() -> manager.ingestData(noId, "strict", List.of("OfflineStore")))
        .hasMessage(
            "Cannot put record into feature group strict: the record identifier feature 'id' is"
                + " required in every record");
    Dataset<Row> wrongType = rows(10, 1).withColumn("id", org.apache.spark.sql.functions.lit(1.5));
    assertThatThrownBy(() -> manager.ingestData(wrongType, "strict", List.of("OfflineStore")))
        .hasMessageContaining("column 'id' of type double cannot hold Integral values");
    assertThat(quiver.store.listOfflineFiles("strict")).isEmpty();
  }

  @Test
  void featureDefinitionsFromTheSchema() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("at", DataTypes.TimestampType)
            .add("score", DataTypes.FloatType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType));
    FeatureStoreManager manager = new FeatureStoreManager(quiver.endpoint);
    assertThat(
            manager.loadFeatureDefinitionsFromSchema(
                quiver.spark.createDataFrame(List.of(), schema)))
        .extracting(
            d -> d.featureName() + ":" + d.featureTypeAsString() + ":" + d.collectionTypeAsString())
        .containsExactly(
            "id:Integral:null", "at:String:null", "score:Fractional:null", "tags:String:List");
  }
}
