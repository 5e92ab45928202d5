package io.quiver.benchmarks.online;

import io.quiver.storage.StoreConfig;
import io.quiver.storage.internal.online.OnlineTableFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The baseline of the online benchmarks: a plain RocksDB whose default column family has the
 * options of Quiver's {@code online} column family, and the write options of a store opened with
 * default settings (WAL on, no fsync). Thread-safe as RocksDB is; close it once.
 *
 * <p>The table format is the store's own ({@link OnlineTableFormat}); the database options
 * (background jobs, log files) mirror {@code io.quiver.storage.RocksDatabase#open}, which is not
 * public.
 */
final class BaselineRocksDb implements AutoCloseable {
  /** The database; benchmarks call it directly so the baseline has no wrapper in its path. */
  final RocksDB db;

  /** WAL on, sync off: the write options of a default {@link StoreConfig}. */
  final WriteOptions writeOptions;

  private final List<AutoCloseable> resources;
  private boolean closed;

  private BaselineRocksDb(RocksDB db, WriteOptions writeOptions, List<AutoCloseable> resources) {
    this.db = db;
    this.writeOptions = writeOptions;
    this.resources = resources;
  }

  /** Opens (creating if needed) the database in {@code folder}. */
  static BaselineRocksDb open(Path folder) {
    RocksDB.loadLibrary();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      LRUCache cache = track(resources, new LRUCache(StoreConfig.BLOCK_CACHE_BYTES_DEFAULT));
      BloomFilter bloom = track(resources, new BloomFilter(OnlineTableFormat.BLOOM_BITS_PER_KEY));
      BlockBasedTableConfig table = OnlineTableFormat.create(cache, bloom);
      Options options =
          track(
              resources,
              new Options()
                  .setCreateIfMissing(true)
                  .setMaxBackgroundJobs(2)
                  .setKeepLogFileNum(5)
                  .setTableFormatConfig(table));
      RocksDB db = track(resources, RocksDB.open(options, folder.toString()));
      WriteOptions writeOptions = track(resources, new WriteOptions().setSync(false));
      return new BaselineRocksDb(db, writeOptions, resources);
    } catch (RocksDBException e) {
      closeAll(resources);
      throw new IllegalStateException("Cannot open baseline RocksDB in " + folder, e);
    }
  }

  private static <T extends AutoCloseable> T track(List<AutoCloseable> resources, T resource) {
    resources.add(resource);
    return resource;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      // As Quiver's close: every acknowledged write is already in the WAL.
    }
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // Keep closing the rest.
      }
    }
  }
}
