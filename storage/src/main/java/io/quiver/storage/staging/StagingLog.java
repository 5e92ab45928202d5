package io.quiver.storage.staging;

import io.quiver.storage.error.StorageException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Appends offline-bound records to the staging column family. Keys are 8-byte big-endian sequence
 * numbers; values are the group id (8 bytes) followed by the encoded record ({@code
 * docs/format/record.md}).
 *
 * <p>Sequence numbers are unique and increasing in the order they are taken, not necessarily in
 * commit order: concurrent writers may commit out of order, so a reader must not assume that no
 * smaller number will appear later.
 */
public final class StagingLog {
  private final ColumnFamilyHandle family;
  private final AtomicLong nextSequence;

  private StagingLog(ColumnFamilyHandle family, long nextSequence) {
    this.family = family;
    this.nextSequence = new AtomicLong(nextSequence);
  }

  /** Opens the log over {@code family}, continuing after its last entry. */
  public static StagingLog open(RocksDB db, ColumnFamilyHandle family) {
    try (RocksIterator it = db.newIterator(family)) {
      it.seekToLast();
      long next = it.isValid() ? ByteBuffer.wrap(it.key()).getLong() + 1 : 1;
      return new StagingLog(family, next);
    }
  }

  /** The column family holding staged entries. */
  public ColumnFamilyHandle family() {
    return family;
  }

  /** Adds a staged entry for {@code encodedRecord} of group {@code groupId} to {@code batch}. */
  public void stage(WriteBatch batch, long groupId, byte[] encodedRecord) {
    byte[] key = ByteBuffer.allocate(Long.BYTES).putLong(nextSequence.getAndIncrement()).array();
    byte[] value =
        ByteBuffer.allocate(Long.BYTES + encodedRecord.length).putLong(groupId).put(encodedRecord).array();
    try {
      batch.put(family, key, value);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot stage a record for the offline store", e);
    }
  }
}
