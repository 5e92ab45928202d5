package io.quiver.spark.read;

import io.quiver.spark.group.GroupHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A feature group's offline store as a DataFrame: every row ever written, as written. Columns: the
 * features (files written before an UpdateFeatureGroup lack the added features, which read as null:
 * schemas are merged), {@code write_time}, {@code api_invocation_time}, {@code is_deleted}, and the
 * partition columns {@code year}, {@code month}, {@code day}, {@code hour} (of event time, UTC).
 * Deletion markers are rows with {@code is_deleted} true that hold only the identifier and event
 * time; a record written twice appears twice. Records the server has not flushed yet (at most its
 * flush age, a minute by default) are not in the files. For the latest row per record as of a time,
 * use {@link PointInTimeJoin}.
 */
public final class OfflineStoreReader {
  private OfflineStoreReader() {}

  /**
   * Reads {@code group}'s offline data folder.
   *
   * @throws IllegalArgumentException if the group has no offline store
   */
  public static Dataset<Row> read(SparkSession spark, GroupHandle group) {
    String data = group.requireOfflineData();
    if (!hasFiles(spark, data)) {
      return spark.createDataFrame(java.util.List.of(), schema(group));
    }
    return spark.read().option("mergeSchema", "true").option("basePath", data).parquet(data);
  }

  private static boolean hasFiles(SparkSession spark, String data) {
    Path path = new Path(data);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        return false;
      }
      var files = fs.listFiles(path, true);
      while (files.hasNext()) {
        String name = files.next().getPath().getName();
        if (name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the offline store at " + data, e);
    }
  }

  /** The columns of an offline store without files. */
  static StructType schema(GroupHandle group) {
    StructType schema = new StructType();
    for (GroupHandle.Feature f : group.features()) {
      DataType scalar =
          switch (f.type()) {
            case "Integral" -> DataTypes.LongType;
            case "Fractional" -> DataTypes.DoubleType;
            default -> DataTypes.StringType;
          };
      schema =
          schema.add(
              f.name(), f.collectionType() == null ? scalar : DataTypes.createArrayType(scalar));
    }
    return schema
        .add("write_time", DataTypes.TimestampType, false)
        .add("api_invocation_time", DataTypes.TimestampType, false)
        .add("is_deleted", DataTypes.BooleanType, false)
        .add("year", DataTypes.IntegerType)
        .add("month", DataTypes.IntegerType)
        .add("day", DataTypes.IntegerType)
        .add("hour", DataTypes.IntegerType);
  }
}
