package io.quiver.benchmarks.offline;

import io.quiver.benchmarks.offline.IngestBenchmark.Quiver;
import io.quiver.benchmarks.offline.IngestBenchmark.Raw;
import io.quiver.benchmarks.offline.IngestBenchmark.Records;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Durable ingest counted in whole cycles: {@value #RECORDS} records of ~1 KB written one at a time,
 * then everything they left behind settled, as one measured operation. Quiver's cycle ends with
 * {@code flush()}, so the Parquet files of every record are written inside the cycle that wrote it;
 * the baseline's (raw RocksDB, the same bytes per record as {@link IngestBenchmark}) ends with a
 * flush of its memtables to SST files. {@link IngestBenchmark}'s timed iterations measure a stream
 * in which the background flusher may or may not fall inside an iteration; here every cycle holds
 * the same work, so the CPU per record of two builds ({@code -prof
 * io.quiver.benchmarks.ProcessCpuProfiler}, every thread of the process counted) can be told apart.
 * The batched pair writes the same records {@value IngestBenchmark#BATCH} at a time: {@code
 * putRecords} against one write batch of {@value IngestBenchmark#BATCH} records' pairs of puts.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar offline.IngestCycleBenchmark -prof
 * io.quiver.benchmarks.ProcessCpuProfiler}; the scores are per record.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 6)
public class IngestCycleBenchmark {
  /** Records per cycle: about 50 MB, under the flusher's 64 MB size trigger. */
  static final int RECORDS = 50_000;

  /** A cycle of PutRecords into online + offline stores, then the flush of their Parquet files. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long putRecordThenFlush(Quiver quiver, Records records) {
    long first = records.sequence.getAndAdd(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      quiver.store.putRecord(IngestBenchmark.GROUP, records.record(first + i));
    }
    quiver.store.flush();
    return first;
  }

  /**
   * A cycle of PutRecords of {@value IngestBenchmark#BATCH} records each into online + offline
   * stores, then the flush of their Parquet files.
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long putRecordsThenFlush(Quiver quiver, Records records) {
    long first = records.sequence.getAndAdd(RECORDS);
    for (int i = 0; i < RECORDS; i += IngestBenchmark.BATCH) {
      List<Record> batch = new ArrayList<>(IngestBenchmark.BATCH);
      for (int j = 0; j < IngestBenchmark.BATCH; j++) {
        batch.add(records.record(first + i + j));
      }
      quiver.store.putRecords(IngestBenchmark.GROUP, batch, RecordWriteOptions.defaults());
    }
    quiver.store.flush();
    return first;
  }

  /**
   * The batched baseline's cycle: the same records' pairs of puts, {@value IngestBenchmark#BATCH}
   * records per write batch, then its memtables flushed to SSTs.
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long rawRocksDbBatchPutThenFlush(Raw raw, Records records) throws RocksDBException {
    long first = records.sequence.getAndAdd(RECORDS);
    for (int i = 0; i < RECORDS; i += IngestBenchmark.BATCH) {
      try (WriteBatch batch = new WriteBatch()) {
        for (int j = 0; j < IngestBenchmark.BATCH; j++) {
          long n = first + i + j;
          raw.add(batch, records.record(n), n);
        }
        raw.db.write(raw.writeOptions, batch);
      }
    }
    flush(raw);
    return first;
  }

  /** The baseline's cycle: the same records' pairs of puts, then its memtables flushed to SSTs. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long rawRocksDbPutThenFlush(Raw raw, Records records) throws RocksDBException {
    long first = records.sequence.getAndAdd(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      try (WriteBatch batch = new WriteBatch()) {
        raw.add(batch, records.record(first + i), first + i);
        raw.db.write(raw.writeOptions, batch);
      }
    }
    flush(raw);
    return first;
  }

  private static void flush(Raw raw) throws RocksDBException {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      raw.db.flush(flush, List.of(raw.online, raw.staging));
    }
  }
}
