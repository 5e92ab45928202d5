package io.quiver.benchmarks.online;

import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.record.FeatureValue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.RocksDBException;

/**
 * Single-thread, in-process PutRecord of 1 KB records ({@code recordBytes}) overwriting {@code
 * records} preloaded identifiers, next to a raw RocksDB put of the same key and value bytes with
 * the same options. Both write with the default durability of a store: WAL on, no fsync.
 *
 * <ul>
 *   <li>{@code quiverPutRecord}: {@link QuiverStore#putRecord(String,
 *       io.quiver.storage.record.Record)} of the next identifier with an event time one second
 *       later than the previous put's, so every put replaces the stored record. Includes what a
 *       caller pays: building the {@code Record} from precomputed values, the catalog lookup,
 *       validation, encoding, and under the identifier's lock the read of the stored record, the
 *       event-time comparison and a {@code WriteBatch} commit.
 *   <li>{@code rocksdbPut}: {@code RocksDB.put(writeOptions, key, value)} of the same key and a
 *       precomputed encoded value of the same size: one blind write. The baseline of the issue.
 *   <li>{@code rocksdbGetPut}: a raw get of the key, then the raw put: the RocksDB work of
 *       PutRecord's read-compare-write without Quiver's lock, validation, encoding or batch, to
 *       tell the cost of reading before writing from Quiver's own.
 * </ul>
 *
 * <p>Setup, per trial and per side: load every record, then close and reopen the database, so both
 * sides start from the same L0 files and an empty memtable. Identifiers are visited in a
 * precomputed {@link KeyDistribution} order. Teardown checks that Quiver's last put is the stored
 * record, so the benchmark cannot silently measure rejected (older) writes. Flushes and compactions
 * run in the background during measurement on both sides, as they would in service.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OnlinePutBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class OnlinePutBenchmark {

  /** A Quiver store with the dataset loaded, and the values of every record but its event time. */
  @State(Scope.Benchmark)
  public static class QuiverState extends OnlineBenchmarkState {
    private final TempDirectory dir = TempDirectory.create("quiver-bench-put");
    QuiverStore store;
    FeatureValue[][] values = new FeatureValue[0][];
    long eventTime = OnlineDataset.EVENT_TIME_BASE;
    int lastPosition = -1;

    /** Loads the dataset and reopens the store. */
    @Setup(Level.Trial)
    public void setUp() {
      StoreConfig config = OnlineDataset.storeConfig(dir.path());
      store = QuiverStore.open(config);
      OnlineDataset dataset =
          OnlineDataset.create(
              store.createFeatureGroup(OnlineDataset.spec()), records, recordBytes);
      dataset.preload(store);
      store.close();
      store = QuiverStore.open(config);
      values = new FeatureValue[records][];
      for (int i = 0; i < records; i++) {
        values[i] = dataset.values(i, Long.toString(OnlineDataset.EVENT_TIME_BASE));
      }
      drawOrder();
    }

    /** Checks that the last put won, closes the store and deletes its directory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        if (lastPosition >= 0) {
          String id = OnlineDataset.identifier(lastPosition);
          OnlineRecord stored = store.getRecord(OnlineDataset.GROUP, id).orElseThrow();
          String expected = Long.toString(eventTime);
          if (!stored.record().getString("event_time").equals(expected)) {
            throw new IllegalStateException(
                "Cannot confirm the benchmark's puts: record "
                    + id
                    + " has event time "
                    + stored.record().getString("event_time")
                    + " (expected: "
                    + expected
                    + ")");
          }
        }
      } finally {
        store.close();
        dir.close();
      }
    }
  }

  /** The baseline database with the same keys and values loaded. */
  @State(Scope.Benchmark)
  public static class RocksDbState extends OnlineBenchmarkState {
    private final TempDirectory dir = TempDirectory.create("quiver-bench-rocksdb-put");
    BaselineRocksDb baseline;
    byte[][] keys = new byte[0][];
    byte[][] values = new byte[0][];

    /** Loads the dataset and reopens the database. */
    @Setup(Level.Trial)
    public void setUp() throws RocksDBException {
      OnlineDataset dataset =
          OnlineDataset.create(OnlineDataset.describeGroup(), records, recordBytes);
      baseline = dataset.loadedBaseline(dir.path());
      keys = new byte[records][];
      values = new byte[records][];
      long now = System.currentTimeMillis() * 1_000;
      for (int i = 0; i < records; i++) {
        keys[i] = dataset.key(i);
        values[i] = dataset.encoded(i, now);
      }
      drawOrder();
    }

    /** Closes the database and deletes its directory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      if (baseline != null) {
        baseline.close();
      }
      dir.close();
    }
  }

  /** PutRecord of the next identifier with a later event time. */
  @Benchmark
  public void quiverPutRecord(QuiverState state) {
    int position = state.next();
    String eventTime = Long.toString(++state.eventTime);
    state.store.putRecord(
        OnlineDataset.GROUP, OnlineDataset.withEventTime(state.values[position], eventTime));
    state.lastPosition = position;
  }

  /** Raw put of the next key. */
  @Benchmark
  public void rocksdbPut(RocksDbState state) throws RocksDBException {
    int position = state.next();
    state.baseline.db.put(
        state.baseline.writeOptions, state.keys[position], state.values[position]);
  }

  /** Raw get, then raw put, of the next key; returns what the get read. */
  @Benchmark
  public byte @Nullable [] rocksdbGetPut(RocksDbState state) throws RocksDBException {
    int position = state.next();
    byte[] key = state.keys[position];
    byte[] existing = state.baseline.db.get(key);
    state.baseline.db.put(state.baseline.writeOptions, key, state.values[position]);
    return existing;
  }
}
