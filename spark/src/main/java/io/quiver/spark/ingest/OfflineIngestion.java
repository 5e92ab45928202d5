package io.quiver.spark.ingest;

import static org.apache.spark.sql.functions.col;

import io.quiver.spark.group.GroupHandle;
import io.quiver.storage.catalog.FeatureGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Offline ingestion: each partition writes Parquet files straight into the group's offline layout,
 * and the job commits atomically per file.
 *
 * <p>Design. Tasks write to {@code <group folder>/_quiver_staging/<job>/p<partition>-a<attempt>/},
 * beside the {@code data} folder that readers list, so nothing a task writes is ever visible. The
 * driver takes exactly one outcome per partition (Spark's collect keeps the first successful
 * attempt), writes the list of moves, renames each staged file into {@code data/} (atomic on local
 * and HDFS file systems) and deletes the staging folder with every failed or speculative attempt's
 * files. A reader sees each committed file whole and each row once; it may see some files of a job
 * before others while the moves run (the data folder has no transaction to make them appear
 * together), never a row twice. All rows of a job share one {@code write_time} and {@code
 * api_invocation_time}: the job's start.
 */
public final class OfflineIngestion {
  static final String STAGING = "_quiver_staging";

  private OfflineIngestion() {}

  /**
   * Writes {@code df}'s rows to {@code group}'s offline store.
   *
   * @throws io.quiver.storage.error.ValidationException if the schema does not fit the group
   * @throws IllegalArgumentException if the group has no offline store
   */
  public static IngestionResult run(
      SparkSession spark, Dataset<Row> df, GroupHandle group, OfflineOptions options) {
    FeatureGroup featureGroup = group.toFeatureGroup();
    String[] names = SchemaCheck.check(featureGroup, df.schema());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path stagingRoot = new Path(group.offlineGroupFolder(), STAGING);
    String jobId =
        Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond() + "-" + UUID.randomUUID();
    Path stagingJob = new Path(stagingRoot, jobId);
    long writeTimeMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    try (FileSystem fs = StagingFileSystem.open(stagingRoot, conf)) {
      OfflineCommit.recover(fs, stagingRoot);
      Dataset<Row> input =
          options.presort() ? df.sortWithinPartitions(col(featureGroup.eventTime().name())) : df;
      OfflinePartitionWriter writer =
          new OfflinePartitionWriter(
              group, jobId, stagingJob.toString(), writeTimeMicros, options, conf, names);
      List<TaskOutcome> outcomes;
      try {
        outcomes = input.toJavaRDD().mapPartitions(writer).collect();
      } catch (RuntimeException e) {
        fs.delete(stagingJob, true);
        throw e;
      }
      List<StagedFile> files = new ArrayList<>();
      List<FailedRow> failed = new ArrayList<>();
      long rows = 0;
      for (TaskOutcome outcome : outcomes) {
        files.addAll(outcome.files());
        failed.addAll(outcome.failed());
        rows += outcome.rowsWritten();
      }
      OfflineCommit.commit(fs, stagingJob, files);
      return new IngestionResult(rows, files.size(), failed);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot ingest into the offline store of feature group " + group.name(), e);
    }
  }
}
