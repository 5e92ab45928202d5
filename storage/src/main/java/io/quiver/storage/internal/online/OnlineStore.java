package io.quiver.storage.internal.online;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.error.StorageException;
import io.quiver.storage.internal.record.RecordCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Keys, locks and reads of the online column family. Keys are the group's 8-byte big-endian id
 * followed by the identifier's UTF-8 bytes, so one group's records are contiguous and a deleted
 * group is one range delete.
 *
 * <p>Writes are not made here: the engine puts online updates and offline staging entries in one
 * {@link WriteBatch}, under the identifier's lock from {@link #lockFor(byte[])}, and then tells
 * {@link #committed} what the key holds, which keeps a cache of recent headers that spares most
 * rewrites of a hot identifier their read.
 */
public final class OnlineStore {
  private static final int LOCK_STRIPES = 1024;
  // 64 Ki headers in all, about 10 MB: enough for the hot identifiers of a busy feed.
  private static final int CACHED_HEADERS_PER_STRIPE = 64;

  private final RocksDB db;
  private final ColumnFamilyHandle family;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
  private final HeaderCache headers = new HeaderCache(LOCK_STRIPES, CACHED_HEADERS_PER_STRIPE);

  /** Wraps the online column family; the handles stay owned by the caller. */
  public OnlineStore(RocksDB db, ColumnFamilyHandle family) {
    this.db = db;
    this.family = family;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** The column family holding online records. */
  public ColumnFamilyHandle family() {
    return family;
  }

  /** The key of {@code identifier} (canonical form) in group {@code groupId}. */
  public static byte[] key(long groupId, String identifier) {
    byte[] id = identifier.getBytes(UTF_8);
    return ByteBuffer.allocate(Long.BYTES + id.length).putLong(groupId).put(id).array();
  }

  /** The group id a key belongs to. */
  public static long groupIdOf(byte[] key) {
    return ByteBuffer.wrap(key, 0, Long.BYTES).getLong();
  }

  /**
   * The lock guarding read-compare-write of {@code key}. Striped: unrelated keys may share a lock,
   * so hold only one at a time, or take several with {@link #locksFor(List)}.
   */
  public ReentrantLock lockFor(byte[] key) {
    return locks[stripeOf(key)];
  }

  /**
   * The distinct locks guarding {@code keys}, in the one order every holder of several takes them
   * (ascending stripe), so two writers of overlapping key sets cannot deadlock.
   */
  public List<ReentrantLock> locksFor(List<byte[]> keys) {
    int[] stripes = keys.stream().mapToInt(OnlineStore::stripeOf).sorted().distinct().toArray();
    List<ReentrantLock> ordered = new ArrayList<>(stripes.length);
    for (int stripe : stripes) {
      ordered.add(locks[stripe]);
    }
    return ordered;
  }

  private static int stripeOf(byte[] key) {
    int h = 1;
    for (byte b : key) {
      h = 31 * h + b;
    }
    h ^= h >>> 16;
    return h & (LOCK_STRIPES - 1);
  }

  /** The stored value of {@code key}, or {@code null}. */
  public byte @Nullable [] get(byte[] key) {
    try {
      return db.get(family, key);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot read the online store", e);
    }
  }

  /**
   * The header of the stored value of {@code key} ({@link RecordCodec#HEADER_BYTES} bytes: event
   * time, expiry, flags), or {@code null} if there is none: what the write path compares. Served
   * from the cache of recently written headers when it holds the key, else read from RocksDB
   * without copying the values out. The caller holds {@link #lockFor(byte[]) the key's lock}.
   */
  public byte @Nullable [] getHeader(byte[] key) {
    int stripe = stripeOf(key);
    byte[] cached = headers.get(stripe, key);
    if (cached != null) {
      return cached;
    }
    byte[] header = new byte[RecordCodec.HEADER_BYTES];
    int size;
    try {
      size = db.get(family, key, header);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot read the online store", e);
    }
    if (size == RocksDB.NOT_FOUND) {
      return null;
    }
    if (size < header.length) {
      // A value shorter than a header is damaged; the codec's checks report it.
      return Arrays.copyOf(header, size);
    }
    headers.put(stripe, key, header);
    return header;
  }

  /**
   * The headers of the stored values of {@code keys}, in order, {@code null} where absent, as
   * {@link #getHeader} gives them; the caller holds every key's lock.
   */
  public List<byte @Nullable []> getHeaders(List<byte[]> keys) {
    List<byte @Nullable []> result = new ArrayList<>(keys.size());
    List<byte[]> missing = new ArrayList<>();
    for (byte[] key : keys) {
      byte[] cached = headers.get(stripeOf(key), key);
      result.add(cached);
      if (cached == null) {
        missing.add(key);
      }
    }
    if (missing.isEmpty()) {
      return result;
    }
    List<byte @Nullable []> values = multiGet(missing);
    int next = 0;
    for (int i = 0; i < keys.size(); i++) {
      if (result.get(i) == null) {
        byte[] value = values.get(next++);
        if (value != null && value.length >= RecordCodec.HEADER_BYTES) {
          byte[] header = Arrays.copyOf(value, RecordCodec.HEADER_BYTES);
          headers.put(stripeOf(keys.get(i)), keys.get(i), header);
          result.set(i, header);
        } else {
          result.set(i, value);
        }
      }
    }
    return result;
  }

  /**
   * Tells the cache of headers what {@code key} stores after a committed write: the record {@code
   * value} (encoded, or its header), or nothing ({@code null}). The caller holds the key's lock.
   */
  public void committed(byte[] key, byte @Nullable [] value) {
    int stripe = stripeOf(key);
    if (value == null || value.length < RecordCodec.HEADER_BYTES) {
      headers.remove(stripe, key);
    } else {
      headers.put(
          stripe,
          key,
          value.length == RecordCodec.HEADER_BYTES
              ? value
              : Arrays.copyOf(value, RecordCodec.HEADER_BYTES));
    }
  }

  /**
   * Drops {@code key} from the cache of headers: a write of it failed, so what it stores is not
   * known for sure. The caller holds the key's lock.
   */
  public void forget(byte[] key) {
    headers.remove(stripeOf(key), key);
  }

  /**
   * Empties the cache of headers, stripe by stripe under each stripe's lock: for changes made
   * outside the write path, such as a group's records removed by a range delete.
   */
  public void forgetAll() {
    for (int stripe = 0; stripe < LOCK_STRIPES; stripe++) {
      locks[stripe].lock();
      try {
        headers.clear(stripe);
      } finally {
        locks[stripe].unlock();
      }
    }
  }

  /** The stored values of {@code keys}, in order, {@code null} where absent. */
  public List<byte @Nullable []> multiGet(List<byte[]> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    try {
      return db.multiGetAsList(Collections.nCopies(keys.size(), family), keys);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot read the online store", e);
    }
  }

  /**
   * Runs {@code action} holding every lock of the store, so that no write of any identifier runs
   * meanwhile: for changes made outside the write path (a bulk load's ingested file).
   */
  public <T> T exclusively(Supplier<T> action) {
    int held = 0;
    try {
      for (ReentrantLock lock : locks) {
        lock.lock();
        held++;
      }
      return action.get();
    } finally {
      for (int i = held - 1; i >= 0; i--) {
        locks[i].unlock();
      }
    }
  }

  /** Whether group {@code groupId} has nothing in the online store. */
  public boolean isGroupEmpty(long groupId) {
    byte[] prefix = prefix(groupId);
    try (RocksIterator it = db.newIterator(family)) {
      it.seek(prefix);
      return !it.isValid() || groupIdOf(it.key()) != groupId;
    }
  }

  /** Adds to {@code batch} the removal of every record of group {@code groupId}. */
  public void deleteGroup(WriteBatch batch, long groupId) {
    try {
      batch.deleteRange(family, prefix(groupId), prefix(groupId + 1));
    } catch (RocksDBException e) {
      throw new StorageException("Cannot delete the online records of group " + groupId, e);
    }
  }

  /**
   * Removes the records of every group whose id is not in {@code liveGroupIds}: what a crash
   * between dropping a group from the catalog and deleting its records left behind. One seek per
   * group, so it is cheap enough to run at every open.
   *
   * @return how many groups' records were removed
   */
  public int dropOtherGroups(Set<Long> liveGroupIds, WriteOptions writeOptions) {
    int dropped = 0;
    try (RocksIterator it = db.newIterator(family);
        WriteBatch batch = new WriteBatch()) {
      for (it.seekToFirst(); it.isValid(); ) {
        long groupId = groupIdOf(it.key());
        if (!liveGroupIds.contains(groupId)) {
          deleteGroup(batch, groupId);
          dropped++;
        }
        if (groupId == Long.MAX_VALUE) {
          break;
        }
        it.seek(prefix(groupId + 1));
      }
      if (dropped > 0) {
        db.write(writeOptions, batch);
      }
    } catch (RocksDBException e) {
      throw new StorageException("Cannot remove the online records of deleted groups", e);
    }
    return dropped;
  }

  private static byte[] prefix(long groupId) {
    return ByteBuffer.allocate(Long.BYTES).putLong(groupId).array();
  }
}
