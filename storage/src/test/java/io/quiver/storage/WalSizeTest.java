package io.quiver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.internal.online.OnlineStore;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

/**
 * The write-ahead log a restart replays stays bounded: a family written once (the catalog) does not
 * keep every later log file alive while the online family rewrites its records in place, a memtable
 * that never fills.
 */
class WalSizeTest {
  private static final String ACTIVE_ENTRIES = "rocksdb.num-entries-active-mem-table";

  @TempDir Path dir;

  @Test
  void pastTheLimitTheFamiliesHoldingTheOldestLogAreFlushed() throws RocksDBException {
    try (RocksDatabase database = RocksDatabase.open(StoreConfig.builder(dir).build())) {
      database.db.put(
          database.catalog, database.writeOptions, "group".getBytes(UTF_8), new byte[] {1});
      byte[] key = OnlineStore.key(1, "hot");
      byte[] value = new byte[1 << 20];
      for (int i = 0; i < 8; i++) {
        Arrays.fill(value, (byte) i);
        database.db.put(database.online, database.writeOptions, key, value);
      }
      assertThat(database.db.getLongProperty(database.catalog, ACTIVE_ENTRIES)).isEqualTo(1);
      assertThat(database.db.getLongProperty(database.online, ACTIVE_ENTRIES)).isEqualTo(1);

      long logged = 8L * value.length;
      for (int i = 8; logged <= RocksDatabase.MAX_TOTAL_WAL_BYTES + value.length; i++) {
        Arrays.fill(value, (byte) i);
        database.db.put(database.online, database.writeOptions, key, value);
        logged += value.length;
      }

      // The catalog's entry and the online record left their active memtables for a flush, after
      // which the log file holding them can go.
      assertThat(database.db.getLongProperty(database.catalog, ACTIVE_ENTRIES)).isZero();
      assertThat(database.db.get(database.catalog, "group".getBytes(UTF_8))).containsExactly(1);
      assertThat(database.db.get(database.online, key)).containsOnly(value[0]);
    }
  }
}
