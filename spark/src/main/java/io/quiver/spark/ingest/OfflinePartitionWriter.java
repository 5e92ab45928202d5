package io.quiver.spark.ingest;

import io.quiver.spark.group.GroupHandle;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.offline.OfflineFiles;
import io.quiver.storage.offline.ParquetCodec;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.StoredRecord;
import io.quiver.storage.record.ValidRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * One task of an offline ingestion: checks each row, buckets the good ones by hourly partition, and
 * writes each bucket as a Parquet file of the offline format (storage's encoder) into this
 * attempt's own staging folder when it reaches the file size, when the buffered rows reach their
 * bound (the largest bucket goes), when a presorted partition moves on to a later hour, and at the
 * end. Rows arrive in any order; files are sorted by event time. Names derive from the job, the
 * partition and the file's index, never the attempt, so a retried task names its files as the
 * failed attempt did.
 */
final class OfflinePartitionWriter implements FlatMapFunction<Iterator<Row>, TaskOutcome> {
  private static final long serialVersionUID = 1L;

  private final GroupHandle group;
  private final String jobId;
  private final String stagingJob;
  private final String dataFolder;
  private final long writeTimeMicros;
  private final ParquetCodec codec;
  private final int fileRows;
  private final int bufferedRows;
  private final boolean sorted;
  private final ShippedConfiguration conf;
  private final String[] names;

  OfflinePartitionWriter(
      GroupHandle group,
      String jobId,
      String stagingJob,
      long writeTimeMicros,
      OfflineOptions options,
      Configuration conf,
      String[] names) {
    this.group = group;
    this.jobId = jobId;
    this.stagingJob = stagingJob;
    this.dataFolder = group.requireOfflineData();
    this.writeTimeMicros = writeTimeMicros;
    this.codec = options.codec();
    this.fileRows = options.fileRows();
    this.bufferedRows = options.bufferedRows();
    this.sorted = options.presort();
    this.conf = new ShippedConfiguration(conf);
    this.names = names.clone();
  }

  @Override
  public Iterator<TaskOutcome> call(Iterator<Row> rows) throws IOException {
    TaskContext task = TaskContext.get();
    int partition = task == null ? 0 : task.partitionId();
    int attempt = task == null ? 0 : task.attemptNumber();
    Path attemptFolder = new Path(stagingJob, "p" + partition + "-a" + attempt);
    try (FileSystem fs = StagingFileSystem.open(attemptFolder, conf.get())) {
      return write(rows, fs, attemptFolder, partition);
    }
  }

  private Iterator<TaskOutcome> write(
      Iterator<Row> rows, FileSystem fs, Path attemptFolder, int partition) {
    FeatureGroup featureGroup = group.toFeatureGroup();
    Files files = new Files(fs, attemptFolder, featureGroup, partition);
    List<FailedRow> failed = new ArrayList<>();
    Map<Long, List<StoredRecord>> buckets = new HashMap<>();
    int buffered = 0;
    long written = 0;
    RowChecker checker = new RowChecker(featureGroup, names, failed);
    long latestHour = Long.MIN_VALUE;
    while (rows.hasNext()) {
      Row row = rows.next();
      ValidRecord valid = checker.check(row);
      if (valid == null) {
        continue;
      }
      long hour = OfflineFiles.hourOf(valid.eventTimeMicros());
      if (sorted && hour > latestHour) {
        // rows come in event time order: the hours before this one are complete
        for (List<StoredRecord> done : buckets.values()) {
          files.write(done);
          buffered -= done.size();
        }
        buckets.clear();
        latestHour = hour;
      }
      List<StoredRecord> bucket = buckets.computeIfAbsent(hour, h -> new ArrayList<>());
      bucket.add(stored(valid));
      buffered++;
      written++;
      if (bucket.size() >= fileRows) {
        files.write(bucket);
        buffered -= bucket.size();
        buckets.remove(hour);
      } else if (buffered >= bufferedRows) {
        Map.Entry<Long, List<StoredRecord>> largest =
            buckets.entrySet().stream()
                .max(Comparator.comparingInt(e -> e.getValue().size()))
                .orElseThrow();
        files.write(largest.getValue());
        buffered -= largest.getValue().size();
        buckets.remove(largest.getKey());
      }
    }
    for (List<StoredRecord> bucket : new java.util.TreeMap<>(buckets).values()) {
      files.write(bucket);
    }
    return List.of(new TaskOutcome(partition, files.staged, written, failed)).iterator();
  }

  private StoredRecord stored(ValidRecord valid) {
    List<FeatureValue> values = new ArrayList<>();
    for (FeatureValue value : valid.valuesByPosition()) {
      if (value != null) {
        values.add(value);
      }
    }
    return new StoredRecord(
        valid.eventTimeMicros(), writeTimeMicros, StoredRecord.NEVER, false, new Record(values));
  }

  /** The files of one task attempt. */
  private final class Files {
    private final FileSystem fs;
    private final Path attemptFolder;
    private final FeatureGroup featureGroup;
    private final int partition;
    private final List<StagedFile> staged = new ArrayList<>();

    Files(FileSystem fs, Path attemptFolder, FeatureGroup featureGroup, int partition) {
      this.fs = fs;
      this.attemptFolder = attemptFolder;
      this.featureGroup = featureGroup;
      this.partition = partition;
    }

    void write(List<StoredRecord> rows) {
      // file order: event time, then arrival (the sort is stable)
      rows.sort(Comparator.comparingLong(StoredRecord::eventTimeMicros));
      long latest = rows.get(rows.size() - 1).eventTimeMicros();
      String folder = OfflineFiles.partition(latest);
      String name = OfflineFiles.fileName(latest, jobId + "/" + partition + "/" + staged.size());
      byte[] bytes = OfflineFiles.encode(featureGroup, rows, writeTimeMicros, codec);
      Path path = new Path(new Path(attemptFolder, folder), name);
      try (FSDataOutputStream out = fs.create(path, true)) {
        out.write(bytes);
        out.hsync();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write staged offline file " + path, e);
      }
      staged.add(
          new StagedFile(path.toString(), dataFolder + "/" + folder + "/" + name, rows.size()));
    }
  }
}
