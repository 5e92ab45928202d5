package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.RocksFamilies;
import io.quiver.storage.internal.staging.StagingLog;
import io.quiver.storage.offline.FlushJournal.Entry;
import io.quiver.storage.offline.FlushJournal.WrittenFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A view of the offline store's state stays at the instant it opened while the flusher moves
 * records from the staging family into files, in a database whose snapshots are off: as the store's
 * is, since its online family updates records in place.
 */
class OfflineStateViewTest {
  private static final long GROUP = 7;

  @TempDir Path dir;

  private RocksFamilies rocks;
  private RocksDB db;
  private ColumnFamilyHandle staging;
  private ColumnFamilyHandle offline;

  @BeforeEach
  void open() throws RocksDBException {
    ColumnFamilyOptions plain = new ColumnFamilyOptions();
    Map<String, ColumnFamilyOptions> families = new LinkedHashMap<>();
    families.put("online", new ColumnFamilyOptions().setInplaceUpdateSupport(true));
    families.put("staging", plain);
    families.put("offline", plain);
    rocks =
        RocksFamilies.open(dir, new DBOptions().setAllowConcurrentMemtableWrite(false), families);
    db = rocks.db();
    staging = rocks.family("staging");
    offline = rocks.family("offline");
  }

  @AfterEach
  void close() throws Exception {
    rocks.close();
  }

  @Test
  void theDatabaseHasNoSnapshots() {
    // What the view works around: were this to change, a snapshot would do as well.
    assertThat(db.getSnapshot()).isNull();
  }

  @Test
  void aViewKeepsTheStateItOpenedOnWhileAFlushCommits() throws RocksDBException {
    stage(1, "a");
    stage(2, "b");

    try (OfflineStateView view = new OfflineStateView(db, staging, offline, () -> {})) {
      completeFlush(1, List.of(1L, 2L));
      stage(3, "c");

      assertThat(view.lastFlush()).isZero();
      assertThat(view.flushesAfter(0)).isEmpty();
      assertThat(view.staged(GROUP).keySet()).containsExactly(1L, 2L);
      assertThat(new String(view.staged(GROUP).get(1L), UTF_8)).isEqualTo("a");
    }
    try (OfflineStateView view = new OfflineStateView(db, staging, offline, () -> {})) {
      assertThat(view.lastFlush()).isEqualTo(1);
      assertThat(view.flushesAfter(0)).hasSize(1);
      assertThat(view.staged(GROUP).keySet()).containsExactly(3L);
    }
  }

  @Test
  void aViewReadsItsFamiliesInAnyOrderAndMoreThanOnce() throws RocksDBException {
    stage(1, "a");
    try (OfflineStateView view = new OfflineStateView(db, staging, offline, () -> {})) {
      completeFlush(1, List.of(1L));
      assertThat(view.staged(GROUP)).hasSize(1);
      assertThat(view.lastEndedBulkLoad()).isNull();
      assertThat(view.pendingManifests()).isEmpty();
      assertThat(view.lastFlush()).isZero();
      assertThat(view.staged(GROUP)).hasSize(1);
    }
  }

  @Test
  void closingAViewRunsItsRelease() {
    int[] released = new int[1];
    new OfflineStateView(db, staging, offline, () -> released[0]++).close();
    assertThat(released[0]).isEqualTo(1);
  }

  private void stage(long sequence, String record) throws RocksDBException {
    db.put(
        staging,
        StagingLog.key(sequence),
        java.nio.ByteBuffer.allocate(Long.BYTES + record.length())
            .putLong(GROUP)
            .put(record.getBytes(UTF_8))
            .array());
  }

  /** What a flush commits at its end: its journal entry, and its rows gone from staging. */
  private void completeFlush(long counter, List<Long> sequences) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch();
        WriteOptions write = new WriteOptions()) {
      batch.put(
          offline,
          FlushJournal.key(counter),
          FlushJournal.encode(
              new Entry(counter, List.of(new WrittenFile(GROUP, "file-" + counter, 10)))));
      for (long sequence : sequences) {
        batch.delete(staging, StagingLog.key(sequence));
      }
      db.write(write, batch);
    }
  }
}
