package io.quiver.spark;

import static io.quiver.spark.QuiverFixture.feature;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.pit.DatasetBase;
import io.quiver.query.pit.DatasetBuilder;
import io.quiver.query.pit.JoinType;
import io.quiver.spark.read.PointInTimeJoin;
import io.quiver.storage.DeletionMode;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark point-in-time join gives the same rows as Quiver's own dataset builder on the same
 * offline files, over random histories with duplicates (same identifier and event time written
 * again) and deletion markers, for every combination of the history rules.
 */
class PointInTimeJoinTest {
  @TempDir static Path tmp;
  static QuiverFixture quiver;
  static Path entityFile;
  static Dataset<Row> entities;
  static final long T0 = 1_700_000_000L;
  static Instant midway;
  static int deletes;

  @BeforeAll
  static void start() throws Exception {
    quiver = new QuiverFixture(tmp.resolve("data"));
    quiver.createGroup(
        "drivers",
        false,
        true,
        List.of(
            feature("driver_id", "String"),
            feature("ts", "String"),
            feature("trips", "Integral"),
            feature("rating", "Fractional")));
    quiver.createGroup(
        "cars",
        false,
        true,
        List.of(
            feature("car", "Integral"),
            feature("at", "Fractional"),
            feature("rating", "Fractional")));
    Random random = new Random(19);
    for (int i = 0; i < 900; i++) {
      String id = "d" + random.nextInt(40);
      long t = T0 + random.nextInt(2000);
      String ts = Instant.ofEpochSecond(t).toString();
      if (random.nextInt(15) == 0) {
        deletes++;
        quiver.store.deleteRecord(
            "drivers", id, ts, DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());
      } else {
        quiver.store.putRecord(
            "drivers",
            Record.builder()
                .set("driver_id", id)
                .set("ts", ts)
                .set("trips", (long) random.nextInt(100))
                .set("rating", random.nextInt(50) / 10.0)
                .build());
      }
      if (i % 300 == 0) {
        if (i == 600) {
          midway = Instant.now(); // the files flushed from here on are later
        }
        quiver.store.flush(); // several files, several write times
      }
      // Integral identifiers: the base's car column is a long, as a join on numbers would have it
      long car = random.nextInt(25);
      quiver.store.putRecord(
          "cars",
          Record.builder()
              .set("car", car)
              .set("at", (double) (T0 + random.nextInt(2000)) + random.nextInt(4) / 4.0)
              .set("rating", random.nextInt(10) / 2.0)
              .build());
    }
    quiver.store.flush();
    StructType schema =
        new StructType()
            .add("driver_id", DataTypes.StringType)
            .add("ts", DataTypes.DoubleType)
            .add("car", DataTypes.LongType)
            .add("label", DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(
          RowFactory.create(
              "d" + random.nextInt(45),
              i % 50 == 7 ? null : (double) (T0 - 100 + random.nextInt(2300)),
              (long) random.nextInt(30),
              i));
    }
    Path folder = tmp.resolve("entities");
    quiver.spark.createDataFrame(rows, schema).coalesce(1).write().parquet(folder.toString());
    try (Stream<Path> files = Files.list(folder)) {
      entityFile =
          files
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow();
    }
    entities = quiver.spark.read().parquet(entityFile.toString());
  }

  @AfterAll
  static void stop() {
    quiver.close();
  }

  private static List<String> quiver(
      UnaryOperator<DatasetBuilder> rules, JoinType carsJoin, boolean pointInTime) {
    DatasetBuilder builder =
        DatasetBuilder.create(
                quiver.store.offlineHistory(), DatasetBase.parquet(entityFile, "driver_id", "ts"))
            .withFeatureGroup("drivers", "driver_id", List.of("trips", "rating"), JoinType.LEFT)
            .withFeatureGroup("cars", "car", List.of(), carsJoin);
    if (pointInTime) {
      builder.pointInTimeAccurateJoin();
    }
    io.quiver.query.pit.Dataset dataset = rules.apply(builder).build();
    List<String> out = new ArrayList<>();
    for (Object[] row : dataset) {
      out.add(line(row));
    }
    Collections.sort(out);
    return out;
  }

  private static List<String> spark(
      UnaryOperator<PointInTimeJoin> rules,
      PointInTimeJoin.JoinType carsJoin,
      boolean pointInTime) {
    FeatureStoreManager manager = new FeatureStoreManager(quiver.endpoint);
    PointInTimeJoin join =
        manager
            .createDataset(entities, "driver_id", "ts")
            .withFeatureGroup(
                "drivers", "driver_id", List.of("trips", "rating"), PointInTimeJoin.JoinType.LEFT)
            .withFeatureGroup("cars", "car", List.of(), carsJoin);
    if (pointInTime) {
      join.pointInTimeAccurateJoin();
    }
    Dataset<Row> result = rules.apply(join).build();
    assertThat(result.columns())
        .containsExactly("driver_id", "ts", "car", "label", "trips", "rating", "at", "rating.2");
    List<String> out = new ArrayList<>();
    for (Row row : result.collectAsList()) {
      Object[] values = new Object[row.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(i);
      }
      out.add(line(values));
    }
    Collections.sort(out);
    return out;
  }

  private static String line(Object[] row) {
    StringBuilder s = new StringBuilder();
    for (Object v : row) {
      s.append(
              v instanceof Number n && !(v instanceof Double)
                  ? Long.toString(n.longValue())
                  : String.valueOf(v))
          .append('|');
    }
    return s.toString();
  }

  @Test
  void sameRowsAsTheDatasetBuilderUnderEveryRule() {
    Instant asOf = midway;
    Instant from = Instant.ofEpochSecond(T0 + 300);
    Instant to = Instant.ofEpochSecond(T0 + 1700);
    record Case(
        String name,
        UnaryOperator<DatasetBuilder> quiverRules,
        UnaryOperator<PointInTimeJoin> sparkRules,
        boolean pointInTime,
        boolean left) {}
    // each Spark build costs seconds on local[2]: rules are combined rather than crossed
    List<Case> cases =
        List.of(
            new Case("defaults, latest", b -> b, j -> j, false, false),
            new Case("defaults, left join", b -> b, j -> j, true, true),
            new Case(
                "deleted and duplicated",
                b -> b.includeDeletedRecords().includeDuplicatedRecords(),
                j -> j.includeDeletedRecords().includeDuplicatedRecords(),
                true,
                false),
            new Case(
                "duplicated, latest",
                DatasetBuilder::includeDuplicatedRecords,
                PointInTimeJoin::includeDuplicatedRecords,
                false,
                false),
            new Case(
                "range and as of",
                b -> b.eventTimeRange(from, to).asOf(asOf),
                j -> j.eventTimeRange(from, to).asOf(asOf),
                true,
                false));
    for (Case c : cases) {
      List<String> expected =
          quiver(c.quiverRules(), c.left() ? JoinType.LEFT : JoinType.INNER, c.pointInTime());
      assertThat(expected).as(c.name()).isNotEmpty();
      List<String> actual =
          spark(
              c.sparkRules(),
              c.left() ? PointInTimeJoin.JoinType.LEFT : PointInTimeJoin.JoinType.INNER,
              c.pointInTime());
      assertThat(actual).as(c.name()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void theOfflineStoreReadsAsWrittenWithMarkersAndPartitions() {
    Dataset<Row> history =
        new FeatureStoreManager(quiver.endpoint).readOfflineStore(quiver.spark, "drivers");
    assertThat(history.columns())
        .containsExactly(
            "driver_id",
            "ts",
            "trips",
            "rating",
            "write_time",
            "api_invocation_time",
            "is_deleted",
            "year",
            "month",
            "day",
            "hour");
    assertThat(history.count()).isEqualTo(900);
    assertThat(history.filter("is_deleted").count()).isEqualTo(deletes);
    assertThat(history.filter("is_deleted AND trips IS NOT NULL").count()).isZero();
  }
}
