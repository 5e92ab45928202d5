package io.quiver.storage.internal.staging;

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
  private final StagingListener listener;

  private StagingLog(ColumnFamilyHandle family, long nextSequence, StagingListener listener) {
    this.family = family;
    this.nextSequence = new AtomicLong(nextSequence);
    this.listener = listener;
  }

  /**
   * Opens the log over {@code family}, continuing after its last entry and at or after {@code
   * sequenceFloor}, telling {@code listener} about each staged entry.
   *
   * <p>The floor matters once the log has been drained: sequence numbers then continue from the
   * floor instead of restarting at 1, so a number is never reused (the offline store derives file
   * names from them).
   */
  public static StagingLog open(
      RocksDB db, ColumnFamilyHandle family, long sequenceFloor, StagingListener listener) {
    try (RocksIterator it = db.newIterator(family)) {
      it.seekToLast();
      long next = it.isValid() ? sequenceOf(it.key()) + 1 : 1;
      return new StagingLog(family, Math.max(next, sequenceFloor), listener);
    }
  }

  /** The bytes before the encoded record in a staged entry's value: the group id. */
  public static final int VALUE_PREFIX_BYTES = Long.BYTES;

  /** The key of the entry with sequence number {@code sequence}. */
  public static byte[] key(long sequence) {
    return ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
  }

  /** The sequence number of a staged entry's key. */
  public static long sequenceOf(byte[] key) {
    return ByteBuffer.wrap(key).getLong();
  }

  /** The feature group id of a staged entry's value. */
  public static long groupIdOf(byte[] value) {
    return ByteBuffer.wrap(value).getLong();
  }

  /** The encoded record of a staged entry's value ({@code docs/format/record.md}). */
  public static byte[] recordOf(byte[] value) {
    return java.util.Arrays.copyOfRange(value, Long.BYTES, value.length);
  }

  /** The sequence number the next staged entry gets. */
  public long nextSequence() {
    return nextSequence.get();
  }

  /** The column family holding staged entries. */
  public ColumnFamilyHandle family() {
    return family;
  }

  /**
   * Adds a staged entry to {@code batch} as {@link #stage(WriteBatch, long, byte[])} does, from
   * direct buffers, which the batch copies from without first copying them into native arrays:
   * {@code value}'s remaining bytes are the entry's value (the group id, {@link
   * #VALUE_PREFIX_BYTES} bytes big-endian, then the encoded record), and the entry's key is written
   * into {@code key}, a direct buffer with {@link Long#BYTES} bytes remaining. Both buffers'
   * positions move to their limits.
   *
   * @throws StorageException if the batch refuses the entry
   */
  public void stage(WriteBatch batch, ByteBuffer key, ByteBuffer value) {
    int keyBytes = key.remaining();
    int valueBytes = value.remaining();
    key.duplicate().putLong(nextSequence.getAndIncrement());
    try {
      batch.put(family, key, value);
      listener.staged(keyBytes + valueBytes);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot stage a record for the offline store", e);
    }
  }

  /** Adds a staged entry for {@code encodedRecord} of group {@code groupId} to {@code batch}. */
  public void stage(WriteBatch batch, long groupId, byte[] encodedRecord) {
    byte[] key = key(nextSequence.getAndIncrement());
    byte[] value = new byte[Long.BYTES + encodedRecord.length];
    for (int i = 0; i < Long.BYTES; i++) {
      value[i] = (byte) (groupId >>> (Long.SIZE - Byte.SIZE * (i + 1)));
    }
    System.arraycopy(encodedRecord, 0, value, Long.BYTES, encodedRecord.length);
    try {
      batch.put(family, key, value);
      listener.staged(key.length + value.length);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot stage a record for the offline store", e);
    }
  }
}
