package io.quiver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.internal.staging.StagingLog;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A record's writes through the direct buffer are the writes the array puts make: the same write
 * batch, byte for byte (the online put, the staging entry with its sequence number, both or either
 * one, keys and records of any length up to the limit), and the same sizes told to the staging
 * listener.
 */
class DirectPutBufferTest {
  @TempDir Path dir;
  private RocksFamilies rocks;
  private RocksDB db;
  private ColumnFamilyHandle online;
  private ColumnFamilyHandle staging;

  @BeforeEach
  void open() throws RocksDBException {
    rocks = RocksFamilies.open(dir, "online", "staging");
    db = rocks.db();
    online = rocks.family("online");
    staging = rocks.family("staging");
  }

  @AfterEach
  void close() throws Exception {
    rocks.close();
  }

  @Test
  void directPutsMakeTheBatchArrayPutsMake() throws RocksDBException {
    AtomicLong directBytes = new AtomicLong();
    AtomicLong arrayBytes = new AtomicLong();
    StagingLog directLog = StagingLog.open(db, staging, 41, directBytes::addAndGet);
    StagingLog arrayLog = StagingLog.open(db, staging, 41, arrayBytes::addAndGet);
    DirectPutBuffer buffer = new DirectPutBuffer();
    Random random = new Random(7);
    int[] sizes = {0, 1, 26, 900, 5_000, 40_000, DirectPutBuffer.MAX_RECORD_BYTES - 30, 3};
    try (WriteBatch direct = new WriteBatch();
        WriteBatch arrays = new WriteBatch()) {
      for (int i = 0; i < sizes.length * 3; i++) {
        byte[] key = bytes(random, 8 + i % 23);
        byte[] record = bytes(random, sizes[i / 3]);
        long groupId = random.nextLong();
        boolean toOnline = i % 3 != 1;
        boolean toStaging = i % 3 != 2;
        buffer.put(
            direct, toOnline ? online : null, key, toStaging ? directLog : null, groupId, record);
        if (toOnline) {
          arrays.put(online, key, record);
        }
        if (toStaging) {
          arrayLog.stage(arrays, groupId, record);
        }
      }
      assertThat(direct.count()).isEqualTo(arrays.count());
      assertThat(direct.data()).isEqualTo(arrays.data());
    }
    assertThat(directBytes.get()).isEqualTo(arrayBytes.get()).isPositive();
    assertThat(directLog.nextSequence()).isEqualTo(arrayLog.nextSequence());
  }

  @Test
  void aRecordOverTheLimitIsRefused() throws RocksDBException {
    byte[] key = new byte[10];
    byte[] record = new byte[DirectPutBuffer.MAX_RECORD_BYTES - 9];
    assertThat(DirectPutBuffer.fits(key, record)).isFalse();
    assertThat(DirectPutBuffer.fits(key, new byte[record.length - 1])).isTrue();
    try (WriteBatch batch = new WriteBatch()) {
      assertThatThrownBy(() -> new DirectPutBuffer().put(batch, online, key, null, 1, record))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(batch.count()).isZero();
    }
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
