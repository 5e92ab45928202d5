package io.quiver.benchmarks.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.timestamp_seconds;

import io.quiver.spark.group.GroupHandle;
import io.quiver.spark.ingest.IngestionResult;
import io.quiver.spark.ingest.OfflineIngestion;
import io.quiver.spark.ingest.OfflineOptions;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Offline ingestion of a DataFrame through the connector (rows checked, Parquet files of the
 * offline format in hourly partitions with {@code write_time}, {@code api_invocation_time} and
 * {@code is_deleted}, staged and committed by the driver) next to Spark writing the same DataFrame
 * as plain Parquet partitioned by the same hours ({@code partitionBy(year, month, day, hour)}), on
 * Spark {@code local[2]} in one JVM. The input (see {@link FeatureData}, 4 columns, 240 hours, rows
 * in no time order) is cached in memory first, so both sides read the same cached columns. Rounds
 * alternate which side goes first; each round writes into a fresh folder, deleted after it.
 *
 * <pre>
 * benchmarks/run-spark.sh io.quiver.benchmarks.spark.IngestBenchmark [rows] [rounds] [warm-up rounds] [partitions]
 * </pre>
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  /**
   * Runs the benchmark: rows (default 10,000,000), measured rounds (3), warm-up rounds (1), input
   * partitions (8).
   */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    Path dir = Files.createTempDirectory("quiver-spark-ingest");
    SparkSession spark = FeatureData.localSpark();
    try (QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(dir.resolve("store")).ttlSweepInterval(Duration.ZERO).build())) {
      Dataset<Row> input =
          FeatureData.features(spark, rows, Math.max(1, rows / 10), partitions)
              .persist(StorageLevel.MEMORY_ONLY());
      long t = System.nanoTime();
      if (input.count() != rows) {
        throw new IllegalStateException("the cached input lost rows");
      }
      System.out.printf(
          Locale.ROOT,
          "cached %d rows in %d partitions in %d ms under %s%n",
          rows,
          partitions,
          (System.nanoTime() - t) / 1_000_000,
          dir);
      Timings timings = new Timings();
      for (int r = -warmUp; r < rounds; r++) {
        boolean warm = r < 0;
        int round = r + warmUp;
        Path offline = dir.resolve("offline-" + round);
        GroupHandle group =
            GroupHandle.of(FeatureData.createGroup(store, "features" + round, offline));
        Path plain = dir.resolve("plain-" + round);
        Runnable quiver =
            () -> {
              try {
                IngestionResult result =
                    timings.run(
                        "quiver connector",
                        warm,
                        () -> OfflineIngestion.run(spark, input, group, OfflineOptions.defaults()));
                if (result.rowsWritten() != rows || !result.failed().isEmpty()) {
                  throw new IllegalStateException("the connector did not write every row");
                }
                System.out.printf(
                    Locale.ROOT,
                    "  quiver: %d files, %d MiB%n",
                    result.files(),
                    bytes(offline) >> 20);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            };
        Runnable parquet =
            () -> {
              try {
                timings.run("spark parquet", warm, () -> plain(input, plain));
                System.out.printf(
                    Locale.ROOT, "  spark: %d files, %d MiB%n", files(plain), bytes(plain) >> 20);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            };
        if (round % 2 == 0) {
          quiver.run();
          parquet.run();
        } else {
          parquet.run();
          quiver.run();
        }
        if (round == 0) {
          long read = spark.read().parquet(group.requireOfflineData()).count();
          long readPlain = spark.read().parquet(plain.toString()).count();
          if (read != rows || readPlain != rows) {
            throw new IllegalStateException(
                "Cannot trust the timings: read back " + read + " and " + readPlain + " rows");
          }
        }
        delete(offline);
        delete(plain);
      }
      timings.report("spark parquet");
    } finally {
      spark.stop();
      delete(dir);
    }
  }

  private static Void plain(Dataset<Row> input, Path folder) {
    Column time = timestamp_seconds(col("event_time"));
    input
        .withColumn("year", date_format(time, "yyyy"))
        .withColumn("month", date_format(time, "MM"))
        .withColumn("day", date_format(time, "dd"))
        .withColumn("hour", date_format(time, "HH"))
        .write()
        .mode(SaveMode.ErrorIfExists)
        .partitionBy("year", "month", "day", "hour")
        .parquet(folder.toString());
    return null;
  }

  private static long bytes(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static long files(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
    }
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
