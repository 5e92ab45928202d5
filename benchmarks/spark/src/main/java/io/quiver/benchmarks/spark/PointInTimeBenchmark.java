package io.quiver.benchmarks.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import io.quiver.query.pit.DatasetBase;
import io.quiver.query.pit.DatasetBuilder;
import io.quiver.query.pit.JoinType;
import io.quiver.spark.group.GroupHandle;
import io.quiver.spark.ingest.OfflineIngestion;
import io.quiver.spark.ingest.OfflineOptions;
import io.quiver.spark.read.PointInTimeJoin;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.parquet.ScanStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * A point-in-time dataset (LEFT join, point-in-time accurate, the dataset builder's default history
 * rules) of an entity Parquet file against a feature group's offline store, built by Quiver's
 * single-JVM {@link DatasetBuilder} (on a reader pool of one thread per core) and by the Spark
 * connector's {@link PointInTimeJoin} on Spark {@code local[2]}, alternating in one JVM, each round
 * reading the files afresh. Spark's result is materialised by the {@code noop} sink (every row and
 * column computed, nothing written); the builder's is its in-memory dataset. Both must give the
 * same row count, matched count and sum of {@code v}. The data (see {@link FeatureData}) are
 * written once, by the connector's offline ingestion, into a folder kept between runs.
 *
 * <pre>
 * benchmarks/run-spark.sh io.quiver.benchmarks.spark.PointInTimeBenchmark [entity rows] [feature rows] [identifiers] [rounds] [warm-up rounds] [data folder]
 * </pre>
 */
public final class PointInTimeBenchmark {
  private PointInTimeBenchmark() {}

  /**
   * Runs the benchmark: entity rows (default 100,000), feature rows (1,000,000), identifiers
   * (10,000), measured rounds (3), warm-up rounds (1), data folder (a folder under the temporary
   * directory named after the sizes).
   */
  public static void main(String[] args) throws Exception {
    long entityRows = args.length > 0 ? Long.parseLong(args[0]) : 100_000L;
    long featureRows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
    long ids = args.length > 2 ? Long.parseLong(args[2]) : 10_000L;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    Path dir =
        args.length > 5
            ? Path.of(args[5])
            : Path.of(
                System.getProperty("java.io.tmpdir"),
                "quiver-spark-pit-" + entityRows + "x" + featureRows);
    SparkSession spark = FeatureData.localSpark();
    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            cores,
            r -> {
              Thread thread = new Thread(r, "quiver-bench-reader");
              thread.setDaemon(true);
              return thread;
            });
    boolean fresh = !Files.exists(dir.resolve("store"));
    try (QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(dir.resolve("store")).ttlSweepInterval(Duration.ZERO).build())) {
      Path offline = dir.resolve("offline");
      FeatureGroup group =
          fresh
              ? FeatureData.createGroup(store, "features", offline)
              : store.describeFeatureGroup("features");
      GroupHandle handle = GroupHandle.of(group);
      Path entityFolder = dir.resolve("entities");
      if (fresh) {
        long t = System.nanoTime();
        OfflineIngestion.run(
            spark,
            FeatureData.features(spark, featureRows, ids, 8),
            handle,
            OfflineOptions.defaults());
        FeatureData.entities(spark, entityRows, ids)
            .coalesce(1)
            .write()
            .parquet(entityFolder.toString());
        System.out.printf(
            Locale.ROOT,
            "wrote %d feature rows and %d entity rows in %d ms under %s%n",
            featureRows,
            entityRows,
            (System.nanoTime() - t) / 1_000_000,
            dir);
      }
      Path entityFile;
      try (Stream<Path> files = Files.list(entityFolder)) {
        entityFile =
            files
                .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                .findFirst()
                .orElseThrow();
      }
      OfflineHistory source = store.offlineHistory();
      Timings timings = new Timings();
      long[] builderAnswer = null;
      long[] sparkAnswer = null;
      for (int r = -warmUp; r < rounds; r++) {
        boolean warm = r < 0;
        boolean builderFirst = (r + warmUp) % 2 == 0;
        if (builderFirst) {
          builderAnswer = timings.run("builder", warm, () -> builder(source, entityFile, pool));
        }
        timings.run("spark", warm, () -> spark(spark, entityFile, handle, true));
        if (!builderFirst) {
          builderAnswer = timings.run("builder", warm, () -> builder(source, entityFile, pool));
        }
        if (sparkAnswer == null) {
          sparkAnswer = spark(spark, entityFile, handle, false);
        }
      }
      if (builderAnswer == null || sparkAnswer == null) {
        throw new IllegalArgumentException("Cannot compare the engines: no round ran (rounds < 1)");
      }
      System.out.printf(
          Locale.ROOT,
          "builder: rows=%d matched=%d sum(v)=%.6f; spark: rows=%d matched=%d sum(v)=%.6f%n",
          builderAnswer[0],
          builderAnswer[1],
          builderAnswer[2] / 1e6,
          sparkAnswer[0],
          sparkAnswer[1],
          sparkAnswer[2] / 1e6);
      if (!Arrays.equals(builderAnswer, sparkAnswer)) {
        throw new IllegalStateException("Cannot trust the timings: the engines disagree");
      }
      timings.report("builder");
    } finally {
      pool.shutdownNow();
      spark.stop();
    }
  }

  private static long[] builder(OfflineHistory source, Path entities, ExecutorService pool) {
    io.quiver.query.pit.Dataset dataset =
        DatasetBuilder.create(source, DatasetBase.parquet(entities, "id", "ts"))
            .withFeatureGroup("features", "id", List.of("v"), JoinType.LEFT)
            .pointInTimeAccurateJoin()
            .executor(pool)
            .statistics(new ScanStatistics())
            .build();
    int v = dataset.columnNames().indexOf("v");
    long matched = 0;
    long sum = 0;
    for (int r = 0; r < dataset.rowCount(); r++) {
      Object value = dataset.value(r, v);
      if (value != null) {
        matched++;
        sum += Math.round((Double) value * 1_000_000d);
      }
    }
    return new long[] {dataset.rowCount(), matched, sum};
  }

  /** Builds the join; materialises it through the noop sink, or else returns its answer. */
  private static long[] spark(
      SparkSession spark, Path entities, GroupHandle group, boolean materialise) {
    Dataset<Row> joined =
        new PointInTimeJoin(spark.read().parquet(entities.toString()), "id", "ts", name -> group)
            .withFeatureGroup("features", "id", List.of("v"), PointInTimeJoin.JoinType.LEFT)
            .pointInTimeAccurateJoin()
            .build();
    if (materialise) {
      joined.write().format("noop").mode("overwrite").save();
      return new long[0];
    }
    Row answer =
        joined
            .agg(
                count(lit(1)),
                count(col("v")),
                sum(round(col("v").multiply(1_000_000d)).cast(DataTypes.LongType)))
            .first();
    return new long[] {
      answer.getLong(0), answer.getLong(1), answer.isNullAt(2) ? 0 : answer.getLong(2)
    };
  }
}
