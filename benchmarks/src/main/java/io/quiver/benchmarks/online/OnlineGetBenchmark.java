package io.quiver.benchmarks.online;

import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.util.Optional;
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
 * Single-thread, in-process GetRecord of 1 KB records ({@code recordBytes}) from a store holding
 * {@code records} of them, next to a raw RocksDB get of the same key bytes from a database holding
 * the same value bytes with the same table options (bloom filter 10 bits, 128 MiB LRU block cache,
 * 16 KiB blocks, index and filter blocks in the cache).
 *
 * <ul>
 *   <li>{@code quiverGetRecord}: {@link QuiverStore#getRecord(String, String)} by group name and
 *       identifier string; includes the catalog lookup, identifier check, key encoding, the RocksDB
 *       get, the deleted and expired checks and decoding into a {@code Record}.
 *   <li>{@code rocksdbGet}: {@code RocksDB.get(key)} returning the value bytes, key precomputed.
 * </ul>
 *
 * <p>Setup, per trial and per side: load every record, close and reopen the database (RocksDB
 * flushes the replayed WAL to L0 files on open, so both sides have the same file layout and an
 * empty memtable), then read every record once to check it is there, which also fills the block
 * cache (the data fits in it). Records are then visited in a precomputed {@link KeyDistribution}
 * order; every get is a hit.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OnlineGetBenchmark} (add {@code -p
 * distribution=ZIPF,UNIFORM} for both key orders).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class OnlineGetBenchmark {

  /** A Quiver store with the dataset loaded. */
  @State(Scope.Benchmark)
  public static class QuiverState extends OnlineBenchmarkState {
    private final TempDirectory dir = TempDirectory.create("quiver-bench-get");
    QuiverStore store;
    String[] ids = new String[0];

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
      ids = new String[records];
      for (int i = 0; i < records; i++) {
        ids[i] = OnlineDataset.identifier(i);
        if (store.getRecord(OnlineDataset.GROUP, ids[i]).isEmpty()) {
          throw new IllegalStateException("Cannot find preloaded record " + ids[i]);
        }
      }
      drawOrder();
    }

    /** Closes the store and deletes its directory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      if (store != null) {
        store.close();
      }
      dir.close();
    }
  }

  /** The baseline database with the same keys and values loaded. */
  @State(Scope.Benchmark)
  public static class RocksDbState extends OnlineBenchmarkState {
    private final TempDirectory dir = TempDirectory.create("quiver-bench-rocksdb-get");
    BaselineRocksDb baseline;
    byte[][] keys = new byte[0][];

    /** Loads the dataset and reopens the database. */
    @Setup(Level.Trial)
    public void setUp() throws RocksDBException {
      OnlineDataset dataset =
          OnlineDataset.create(OnlineDataset.describeGroup(), records, recordBytes);
      baseline = dataset.loadedBaseline(dir.path());
      keys = new byte[records][];
      for (int i = 0; i < records; i++) {
        keys[i] = dataset.key(i);
        byte[] value = baseline.db.get(keys[i]);
        if (value == null || value.length != recordBytes) {
          throw new IllegalStateException(
              "Cannot find preloaded record " + i + " of " + recordBytes + " bytes");
        }
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

  /** GetRecord of the next identifier. */
  @Benchmark
  public Optional<OnlineRecord> quiverGetRecord(QuiverState state) {
    return state.store.getRecord(OnlineDataset.GROUP, state.ids[state.next()]);
  }

  /** Raw get of the next key. */
  @Benchmark
  public byte @Nullable [] rocksdbGet(RocksDbState state) throws RocksDBException {
    return state.baseline.db.get(state.keys[state.next()]);
  }
}
