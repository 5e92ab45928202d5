package io.quiver.storage.offline;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import io.quiver.storage.parquet.DecodedFileCache;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;

/**
 * Views of a RocksDB secondary instance: each catches the instance up with the writer, then reads
 * it while holding a lock that keeps the next catch-up out, so the view stays one instant.
 * Stateless apart from the lock; thread-safe.
 */
final class SecondaryHistory {
  private SecondaryHistory() {}

  static OfflineHistory create(
      RocksDB db,
      ColumnFamilyHandle staging,
      ColumnFamilyHandle offline,
      Runnable catchUp,
      Supplier<List<FeatureGroup>> catalog,
      ObjectStoreResolver stores) {
    ReentrantLock lock = new ReentrantLock();
    HistoryReader.Views views =
        () -> {
          lock.lock();
          try {
            catchUp.run();
            return new OfflineStateView(db, staging, offline, lock::unlock);
          } catch (RuntimeException e) {
            lock.unlock();
            throw e;
          }
        };
    Supplier<List<FeatureGroup>> groups =
        () -> {
          lock.lock();
          try {
            catchUp.run();
            return catalog.get();
          } finally {
            lock.unlock();
          }
        };
    // A read-only view serves short commands (quiver sql --data-dir): no cache.
    return new HistoryReader(views, groups, stores, new DecodedFileCache(0));
  }
}
