package io.quiver.storage;

import io.quiver.storage.internal.staging.StagingLog;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/*
 * Design: RocksDB's Java API copies a byte[] key or value into a native array of its own (malloc,
 * copy, free) before the batch copies it again into its buffer; from a direct buffer the batch
 * copies straight from the buffer's memory. A record goes to a batch twice, as its online value and
 * inside its staging entry (after the group id), so it is copied once into this buffer, laid out
 * as [staging key][online key][group id][record], and both puts take slices of it: the online
 * value is the tail of the staging value. The batch has copied everything by the time put returns,
 * so the buffer is reused for the next record at once. Records above MAX_RECORD_BYTES go through
 * arrays instead, so that a thread's buffer stays small: it starts at 4 KB and grows, by doubling,
 * to at most twice that bound; it is freed with the buffer object once its thread or writer is gone.
 */

/**
 * A direct buffer through which a writing thread adds a record's online value and staging entry to
 * a {@link WriteBatch}, the same entries as the array puts, with fewer copies. Not thread-safe: one
 * per thread.
 */
final class DirectPutBuffer {
  /** The largest online key and encoded record, together, that go through the buffer. */
  static final int MAX_RECORD_BYTES = 64 << 10;

  private static final int INITIAL_BYTES = 4 << 10;

  private ByteBuffer buffer;
  // Views of the buffer handed to the batch, kept rather than made per record (the batch moves
  // their positions; each put sets them again).
  private ByteBuffer onlineKey;
  private ByteBuffer onlineValue;
  private ByteBuffer stagingKey;
  private ByteBuffer stagingValue;

  DirectPutBuffer() {
    allocate(INITIAL_BYTES);
  }

  /** Whether a record {@code encoded} with online key {@code key} goes through the buffer. */
  static boolean fits(byte[] key, byte[] encoded) {
    return key.length + encoded.length <= MAX_RECORD_BYTES;
  }

  /**
   * Adds to {@code batch} what {@code batch.put(online, key, encoded)} adds, if {@code online} is
   * given, then what {@code staging.stage(batch, groupId, encoded)} adds, if {@code staging} is
   * given.
   *
   * @throws IllegalArgumentException if the record does not {@link #fits fit}
   * @throws RocksDBException if the batch refuses the online put
   */
  void put(
      WriteBatch batch,
      @Nullable ColumnFamilyHandle online,
      byte[] key,
      @Nullable StagingLog staging,
      long groupId,
      byte[] encoded)
      throws RocksDBException {
    if (!fits(key, encoded)) {
      throw new IllegalArgumentException(
          "encoded: "
              + (key.length + encoded.length)
              + " bytes with its key (expected: <= "
              + MAX_RECORD_BYTES
              + ")");
    }
    int keyAt = Long.BYTES;
    int valueAt = keyAt + key.length;
    int recordAt = valueAt + StagingLog.VALUE_PREFIX_BYTES;
    int end = recordAt + encoded.length;
    if (buffer.capacity() < end) {
      allocate(Math.max(end, buffer.capacity() * 2));
    }
    buffer.clear().position(keyAt);
    buffer.put(key).putLong(groupId).put(encoded);
    if (online != null) {
      batch.put(online, span(onlineKey, keyAt, valueAt), span(onlineValue, recordAt, end));
    }
    if (staging != null) {
      staging.stage(batch, span(stagingKey, 0, keyAt), span(stagingValue, valueAt, end));
    }
  }

  /** Replaces the buffer with an empty one of {@code bytes}, and its views with views of it. */
  private void allocate(int bytes) {
    buffer = ByteBuffer.allocateDirect(bytes);
    onlineKey = buffer.duplicate();
    onlineValue = buffer.duplicate();
    stagingKey = buffer.duplicate();
    stagingValue = buffer.duplicate();
  }

  /** Sets {@code view} to the bytes {@code [from, to)} of the buffer. */
  private static ByteBuffer span(ByteBuffer view, int from, int to) {
    view.clear();
    view.limit(to);
    view.position(from);
    return view;
  }
}
