package io.quiver.benchmarks.offline;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.internal.online.OnlineTableFormat;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.RecordRules;
import io.quiver.storage.record.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Durable ingest of ~1 KB records into a group with online and offline stores (WAL on, the
 * background flusher writing Parquet with default settings while the benchmark runs), next to the
 * baseline: raw RocksDB writing the same bytes Quiver persists per record, the online value and the
 * staging entry, in one {@link WriteBatch} with the WAL on, into two column families opened with
 * the store's options. The baseline does no validation, no read before write, no encoding (its
 * values are encoded once in setup) and no Parquet.
 *
 * <ul>
 *   <li>{@code putRecordOnlineAndOffline} / {@code rawRocksDbPut}: one record per write.
 *   <li>{@code putRecordsOnlineAndOffline} / {@code rawRocksDbBatchPut}: {@value #BATCH} records
 *       per write ({@code QuiverStore.putRecords}, what a local import uses, against one batch of
 *       {@value #BATCH} pairs of puts); scored per record.
 * </ul>
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar IngestBenchmark}. Add {@code -t 2} for two writer threads.
 * Record identifiers are drawn from a Zipf-like distribution over 1M ids (half the writes go to 1%
 * of the ids), so some writes are history-only, as in real feeds.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class IngestBenchmark {
  static final String GROUP = "ingest";
  private static final int IDS = 1_000_000;
  static final int BATCH = 100;
  private static final int PAYLOADS = 1024;

  /** What both sides share: the record generator. */
  @State(Scope.Benchmark)
  public static class Records {
    @Param({"1024"})
    public int recordBytes;

    String[] payloads = new String[0];
    final AtomicLong sequence = new AtomicLong();

    /** Draws the payloads. */
    @Setup(Level.Trial)
    public void setUp() {
      SplittableRandom random = new SplittableRandom(42);
      payloads = new String[PAYLOADS];
      for (int i = 0; i < payloads.length; i++) {
        StringBuilder payload = new StringBuilder(recordBytes);
        for (int c = 0; c < recordBytes - 40; c++) {
          payload.append((char) ('a' + random.nextInt(26)));
        }
        payloads[i] = payload.toString();
      }
    }

    Record record(long n) {
      long mixed = n * 0x9E3779B97F4A7C15L;
      int id =
          (int) Long.remainderUnsigned(mixed, 2) == 0
              ? (int) Long.remainderUnsigned(mixed >>> 1, IDS / 100)
              : (int) Long.remainderUnsigned(mixed >>> 1, IDS);
      return Record.builder()
          .set("id", "customer-" + id)
          .set("ts", 1_700_000_000.0 + n / 1000.0)
          .set("count", n)
          .set("payload", payloads[(int) (n & (PAYLOADS - 1))])
          .build();
    }
  }

  static FeatureGroupSpec spec() {
    return FeatureGroupSpec.builder(GROUP)
        .recordIdentifier("id")
        .eventTime("ts")
        .feature("id", FeatureType.STRING)
        .feature("ts", FeatureType.FRACTIONAL)
        .feature("count", FeatureType.INTEGRAL)
        .feature("payload", FeatureType.STRING)
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(OfflineStoreConfig.storeDefault())
        .build();
  }

  /** A store with the group created. */
  @State(Scope.Benchmark)
  public static class Quiver {
    Path folder;
    QuiverStore store;

    /** Opens the store. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      folder = Files.createTempDirectory("quiver-ingest");
      store = QuiverStore.open(StoreConfig.builder(folder).build());
      store.createFeatureGroup(spec());
    }

    /** Closes the store (flushing what is still staged; not measured). */
    @TearDown(Level.Trial)
    public void tearDown() {
      store.close();
      delete(folder);
    }
  }

  /**
   * The baseline database: an {@code online} column family with the store's table format and a
   * {@code staging} one with defaults, the store's database options, WAL on and no fsync; values
   * encoded as Quiver encodes the benchmark's records.
   */
  @State(Scope.Benchmark)
  public static class Raw {
    Path folder;
    final List<AutoCloseable> resources = new ArrayList<>();
    RocksDB db;
    ColumnFamilyHandle online;
    ColumnFamilyHandle staging;
    WriteOptions writeOptions;
    byte[][] onlineValues = new byte[0][];
    byte[][] stagingValues = new byte[0][];
    long groupId;
    final AtomicLong stagingSequence = new AtomicLong();

    /** Opens the database and encodes one value per payload. */
    @Setup(Level.Trial)
    public void setUp(Records records) throws IOException, RocksDBException {
      folder = Files.createTempDirectory("quiver-ingest-raw");
      encode(records);
      RocksDB.loadLibrary();
      LRUCache cache = track(new LRUCache(StoreConfig.BLOCK_CACHE_BYTES_DEFAULT));
      BloomFilter bloom = track(new BloomFilter(OnlineTableFormat.BLOOM_BITS_PER_KEY));
      BlockBasedTableConfig table = OnlineTableFormat.create(cache, bloom);
      ColumnFamilyOptions defaults = track(new ColumnFamilyOptions());
      ColumnFamilyOptions onlineOptions = track(new ColumnFamilyOptions());
      onlineOptions.setTableFormatConfig(table);
      DBOptions options =
          track(
              new DBOptions()
                  .setCreateIfMissing(true)
                  .setCreateMissingColumnFamilies(true)
                  .setMaxBackgroundJobs(2)
                  .setKeepLogFileNum(5));
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      db =
          RocksDB.open(
              options,
              folder.toString(),
              List.of(
                  new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaults),
                  new ColumnFamilyDescriptor("online".getBytes(UTF_8), onlineOptions),
                  new ColumnFamilyDescriptor("staging".getBytes(UTF_8), defaults)),
              handles);
      resources.add(db);
      resources.addAll(handles);
      online = handles.get(1);
      staging = handles.get(2);
      writeOptions = track(new WriteOptions());
    }

    private void encode(Records records) {
      try (QuiverStore describing = QuiverStore.open(folder.resolve("describe"))) {
        FeatureGroup group = describing.createFeatureGroup(spec());
        groupId = group.id();
        onlineValues = new byte[PAYLOADS][];
        stagingValues = new byte[PAYLOADS][];
        for (int i = 0; i < PAYLOADS; i++) {
          byte[] encoded =
              RecordCodec.encode(
                  RecordRules.check(group, records.record(i)),
                  System.currentTimeMillis() * 1000,
                  StoredRecord.NEVER);
          onlineValues[i] = encoded;
          stagingValues[i] =
              ByteBuffer.allocate(Long.BYTES + encoded.length)
                  .putLong(groupId)
                  .put(encoded)
                  .array();
        }
      }
    }

    private <T extends AutoCloseable> T track(T resource) {
      resources.add(resource);
      return resource;
    }

    void add(WriteBatch batch, Record record, long n) throws RocksDBException {
      byte[] id = record.getString("id").getBytes(UTF_8);
      byte[] key = ByteBuffer.allocate(Long.BYTES + id.length).putLong(groupId).put(id).array();
      int payload = (int) (n & (PAYLOADS - 1));
      batch.put(online, key, onlineValues[payload]);
      byte[] sequence =
          ByteBuffer.allocate(Long.BYTES).putLong(stagingSequence.incrementAndGet()).array();
      batch.put(staging, sequence, stagingValues[payload]);
    }

    /** Closes the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          // Keep closing the rest.
        }
      }
      delete(folder);
    }
  }

  /** PutRecord into online + offline stores. */
  @Benchmark
  public long putRecordOnlineAndOffline(Quiver quiver, Records records) {
    long n = records.sequence.getAndIncrement();
    quiver.store.putRecord(GROUP, records.record(n));
    return n;
  }

  /** PutRecords of {@value #BATCH} records into online + offline stores; scored per record. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long putRecordsOnlineAndOffline(Quiver quiver, Records records) {
    long first = records.sequence.getAndAdd(BATCH);
    List<Record> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(records.record(first + i));
    }
    quiver.store.putRecords(GROUP, batch, RecordWriteOptions.defaults());
    return first;
  }

  /** The baseline: the online value and the staging entry of one record in one batch. */
  @Benchmark
  public long rawRocksDbPut(Raw raw, Records records) throws RocksDBException {
    long n = records.sequence.getAndIncrement();
    try (WriteBatch batch = new WriteBatch()) {
      raw.add(batch, records.record(n), n);
      raw.db.write(raw.writeOptions, batch);
    }
    return n;
  }

  /** The batch baseline: {@value #BATCH} records' pairs of puts in one batch; scored per record. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long rawRocksDbBatchPut(Raw raw, Records records) throws RocksDBException {
    long first = records.sequence.getAndAdd(BATCH);
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < BATCH; i++) {
        raw.add(batch, records.record(first + i), first + i);
      }
      raw.db.write(raw.writeOptions, batch);
    }
    return first;
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort cleanup of a temporary folder.
    }
  }
}
