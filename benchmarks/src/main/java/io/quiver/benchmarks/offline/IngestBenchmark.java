package io.quiver.benchmarks.offline;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Ingest rate of PutRecord with ~1 KB records into a group with online and offline stores (WAL on,
 * the background flusher writing Parquet with default settings while the benchmark runs), next to
 * the baseline: raw RocksDB puts of the same key and record bytes with the same write options. The
 * store writes each record twice (online value and staging entry, one batch), then again as
 * Parquet. The batch pair does the same {@value #BATCH} records at a time: {@code
 * QuiverStore.putRecords} (what a local import uses) against one RocksDB write batch.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar IngestBenchmark}. Add {@code -t 2} for two writer threads.
 * Record identifiers are drawn from a Zipf-like distribution over 1M ids (half the writes go to 1%
 * of the ids), so some writes are history-only, as in real feeds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class IngestBenchmark {
  private static final String GROUP = "ingest";
  private static final int IDS = 1_000_000;
  private static final int BATCH = 100;

  @Param({"1024"})
  public int recordBytes;

  private Path folder;
  private QuiverStore store;
  private RocksDB raw;
  private Options rawOptions;
  private WriteOptions rawWriteOptions;
  private String[] payloads;
  private final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void setUp() throws IOException, RocksDBException {
    folder = Files.createTempDirectory("quiver-ingest");
    store = QuiverStore.open(StoreConfig.builder(folder.resolve("quiver")).build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder(GROUP)
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("count", FeatureType.INTEGRAL)
            .feature("payload", FeatureType.STRING)
            .onlineStore(OnlineStoreConfig.enabled())
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    RocksDB.loadLibrary();
    rawOptions = new Options().setCreateIfMissing(true);
    rawWriteOptions = new WriteOptions(); // WAL on, no fsync: what the store uses by default
    raw = RocksDB.open(rawOptions, folder.resolve("raw").toString());
    SplittableRandom random = new SplittableRandom(42);
    payloads = new String[1024];
    for (int i = 0; i < payloads.length; i++) {
      StringBuilder payload = new StringBuilder(recordBytes);
      for (int c = 0; c < recordBytes - 40; c++) {
        payload.append((char) ('a' + random.nextInt(26)));
      }
      payloads[i] = payload.toString();
    }
  }

  /** PutRecord into online + offline stores. */
  @Benchmark
  public long putRecordOnlineAndOffline() {
    long n = sequence.getAndIncrement();
    store.putRecord(GROUP, record(n));
    return n;
  }

  /** PutRecords of {@value #BATCH} records into online + offline stores; scored per record. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long putRecordsOnlineAndOffline() {
    long first = sequence.getAndAdd(BATCH);
    List<Record> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(record(first + i));
    }
    store.putRecords(GROUP, batch, RecordWriteOptions.defaults());
    return first;
  }

  /**
   * The batch baseline: one RocksDB write of {@value #BATCH} puts of the same bytes; scored per
   * record.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long rawRocksDbBatchPut() throws RocksDBException {
    long first = sequence.getAndAdd(BATCH);
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < BATCH; i++) {
        Record record = record(first + i);
        batch.put(record.getString("id").getBytes(UTF_8), rawValue(record));
      }
      raw.write(rawWriteOptions, batch);
    }
    return first;
  }

  /** The baseline: one RocksDB put of the same identifier and record bytes. */
  @Benchmark
  public long rawRocksDbPut() throws RocksDBException {
    long n = sequence.getAndIncrement();
    Record record = record(n);
    byte[] key = record.getString("id").getBytes(UTF_8);
    raw.put(rawWriteOptions, key, rawValue(record));
    return n;
  }

  private static byte[] rawValue(Record record) {
    return (record.getString("ts") + record.getString("count") + record.getString("payload"))
        .getBytes(UTF_8);
  }

  private Record record(long n) {
    long mixed = n * 0x9E3779B97F4A7C15L;
    int id =
        (int) Long.remainderUnsigned(mixed, 2) == 0
            ? (int) Long.remainderUnsigned(mixed >>> 1, IDS / 100)
            : (int) Long.remainderUnsigned(mixed >>> 1, IDS);
    return Record.builder()
        .set("id", "customer-" + id)
        .set("ts", 1_700_000_000.0 + n / 1000.0)
        .set("count", n)
        .set("payload", payloads[(int) (n & 1023)])
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close(); // flushes what is still staged; not measured
    raw.close();
    rawWriteOptions.close();
    rawOptions.close();
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (UncheckedIOException e) {
      // Best effort cleanup of a temporary folder.
    }
  }
}
