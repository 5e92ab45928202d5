package io.quiver.storage;

import io.quiver.storage.error.StorageException;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.record.StoredRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The online records that have a TTL, ordered by expiry: keys are the expiry time (8 bytes,
 * sign-flipped big-endian, so byte order is time order) followed by the online key; values are
 * empty. Entries change in the same write batch as the records they index. An entry may outlive its
 * record (a group dropped by a range delete); readers check it against the record.
 *
 * <p>Thread-safe; the caller holds the record's lock while changing its entry.
 */
final class ExpiryIndex {
  private static final byte[] EMPTY = new byte[0];

  private final RocksDB db;
  private final ColumnFamilyHandle family;

  ExpiryIndex(RocksDB db, ColumnFamilyHandle family) {
    this.db = db;
    this.family = family;
  }

  ColumnFamilyHandle family() {
    return family;
  }

  /**
   * Adds to {@code batch} the index change of replacing {@code previous} (encoded, or {@code null})
   * at {@code onlineKey} by a record expiring at {@code expiresAtMicros}.
   */
  void replace(
      WriteBatch batch, byte[] onlineKey, byte @Nullable [] previous, long expiresAtMicros) {
    try {
      if (previous != null) {
        long old = RecordCodec.expiresAtMicros(previous);
        if (old != StoredRecord.NEVER && old != expiresAtMicros) {
          batch.delete(family, key(old, onlineKey));
        }
      }
      if (expiresAtMicros != StoredRecord.NEVER) {
        batch.put(family, key(expiresAtMicros, onlineKey), EMPTY);
      }
    } catch (RocksDBException e) {
      throw new StorageException("Cannot index the expiry of an online record", e);
    }
  }

  /**
   * Up to {@code limit} index keys whose expiry is at or before {@code nowMicros}, oldest first.
   */
  List<byte[]> due(long nowMicros, int limit) {
    List<byte[]> due = new ArrayList<>();
    try (RocksIterator it = db.newIterator(family)) {
      for (it.seekToFirst(); it.isValid() && due.size() < limit; it.next()) {
        byte[] key = it.key();
        if (expiresAtOf(key) > nowMicros) {
          break;
        }
        due.add(key);
      }
    }
    return due;
  }

  static byte[] key(long expiresAtMicros, byte[] onlineKey) {
    return ByteBuffer.allocate(Long.BYTES + onlineKey.length)
        .putLong(expiresAtMicros ^ Long.MIN_VALUE)
        .put(onlineKey)
        .array();
  }

  static long expiresAtOf(byte[] indexKey) {
    return ByteBuffer.wrap(indexKey, 0, Long.BYTES).getLong() ^ Long.MIN_VALUE;
  }

  static byte[] onlineKeyOf(byte[] indexKey) {
    byte[] key = new byte[indexKey.length - Long.BYTES];
    System.arraycopy(indexKey, Long.BYTES, key, 0, key.length);
    return key;
  }
}
