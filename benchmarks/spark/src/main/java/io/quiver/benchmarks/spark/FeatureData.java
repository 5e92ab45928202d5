package io.quiver.benchmarks.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The benchmarks' data, from fixed hashes so that every run has the same rows: feature rows of
 * {@code (id STRING, event_time FRACTIONAL seconds, v FRACTIONAL, note STRING)}, row {@code i}
 * belonging to identifier {@code i % ids}, each identifier's rows in their own slots of a ten-day
 * span (240 hourly partitions, no two rows of an identifier at one time); entity rows {@code (id,
 * ts)} over 10% more identifiers than the features have (some entity rows match nothing).
 */
final class FeatureData {
  static final long T0 = 1_704_067_200L; // 2024-01-01T00:00:00Z
  static final long SPAN_SECONDS = 10 * 24 * 3600;

  private FeatureData() {}

  /** {@code rows} feature rows over {@code ids} identifiers, in {@code partitions} partitions. */
  static Dataset<Row> features(SparkSession spark, long rows, long ids, int partitions) {
    long perId = Math.max(1, rows / ids);
    long slot = SPAN_SECONDS / perId;
    Dataset<Row> range = spark.range(0, rows, 1, partitions).toDF("i");
    return range.select(
        concat(lit("id"), pmod(col("i"), lit(ids)).cast(DataTypes.StringType)).as("id"),
        lit(T0)
            .plus(col("i").divide(lit(ids)).cast(DataTypes.LongType).multiply(lit(slot)))
            .plus(pmod(hash(col("i")), lit(slot)))
            .cast(DataTypes.DoubleType)
            .as("event_time"),
        pmod(hash(col("i"), lit(12345)), lit(1_000_000)).divide(lit(1e6)).as("v"),
        concat(lit("n"), pmod(col("i"), lit(100)).cast(DataTypes.StringType)).as("note"));
  }

  /** {@code rows} entity rows for features over {@code ids} identifiers. */
  static Dataset<Row> entities(SparkSession spark, long rows, long ids) {
    return spark
        .range(0, rows, 1, 2)
        .toDF("i")
        .select(
            concat(
                    lit("id"),
                    pmod(hash(col("i"), lit(999)), lit(ids + ids / 10)).cast(DataTypes.StringType))
                .as("id"),
            lit(T0)
                .plus(pmod(hash(col("i"), lit(555)), lit(SPAN_SECONDS)))
                .cast(DataTypes.DoubleType)
                .as("ts"));
  }

  /** Creates the feature group of {@link #features} with an offline store below {@code base}. */
  static FeatureGroup createGroup(QuiverStore store, String name, Path base) {
    return store.createFeatureGroup(
        FeatureGroupSpec.builder(name)
            .recordIdentifier("id")
            .eventTime("event_time")
            .feature("id", FeatureType.STRING)
            .feature("event_time", FeatureType.FRACTIONAL)
            .feature("v", FeatureType.FRACTIONAL)
            .feature("note", FeatureType.STRING)
            .offlineStore(OfflineStoreConfig.at("file://" + base))
            .build());
  }

  /** A local Spark session on {@code local[2]} (both cores), UTC, no UI. */
  static SparkSession localSpark() {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("quiver-spark-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
