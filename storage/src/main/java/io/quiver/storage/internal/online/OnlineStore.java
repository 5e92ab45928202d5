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
 *
 * <p>The family updates records in place (see {@code RocksDatabase}): RocksDB's gets take the
 * per-key lock that makes a value read whole while it is being overwritten, its iterators do not.
 * So values are read here only by {@link #get}, {@link #multiGet} and the header reads; the
 * iterators ({@link #isGroupEmpty}, {@link #dropOtherGroups}) read keys only, which an update never
 * changes, and move forward only. A reader added later follows the same rule, or reads each value
 * again through {@link #get}.
 *
 * <p>It also keeps, for each group it has seen empty or found a lease for, an upper bound of the
 * event times of every value the group stores ({@link #eventTimeBound}): a write whose event time
 * is above it replaces whatever its identifier holds, so it need not read it. A feed whose event
 * times only grow never reads before writing. The bound is persisted as a lease that a write raises
 * before it commits ({@link #storing}), so it survives restarts and crashes.
 */
public final class OnlineStore {
  private static final int LOCK_STRIPES = 1024;
  private static final int STRIPE_SHIFT =
      Integer.SIZE - Integer.numberOfTrailingZeros(LOCK_STRIPES);
  // 64 Ki headers in all, about 10 MB: enough for the hot identifiers of a busy feed.
  private static final int CACHED_HEADERS_PER_STRIPE = 64;

  private final RocksDB db;
  private final ColumnFamilyHandle family;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
  private final HeaderCache headers = new HeaderCache(LOCK_STRIPES, CACHED_HEADERS_PER_STRIPE);

  private final EventTimeBounds eventTimeBounds;

  /**
   * Wraps the online column family; the groups' event-time leases go to {@code metadata}. The
   * handles stay owned by the caller.
   */
  public OnlineStore(RocksDB db, ColumnFamilyHandle family, ColumnFamilyHandle metadata) {
    this.db = db;
    this.family = family;
    this.eventTimeBounds = new EventTimeBounds(db, metadata);
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
    return stripeOfHash(hashOf(key));
  }

  /**
   * The hash of {@code key}: its top bits choose the key's stripe, the rest (mixed with them) its
   * place in the stripe's cache.
   */
  private static int hashOf(byte[] key) {
    int h = 1;
    for (byte b : key) {
      h = 31 * h + b;
    }
    int mixed = h * 0x9E3779B9;
    return mixed ^ (mixed >>> 15);
  }

  private static int stripeOfHash(int hash) {
    return hash >>> STRIPE_SHIFT;
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
    int hash = hashOf(key);
    int stripe = stripeOfHash(hash);
    byte[] cached = headers.get(stripe, hash, key);
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
    headers.put(stripe, hash, key, header);
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
      int hash = hashOf(key);
      byte[] cached = headers.get(stripeOfHash(hash), hash, key);
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
          int hash = hashOf(keys.get(i));
          headers.put(stripeOfHash(hash), hash, keys.get(i), header);
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
    int hash = hashOf(key);
    int stripe = stripeOfHash(hash);
    if (value == null || value.length < RecordCodec.HEADER_BYTES) {
      headers.remove(stripe, hash, key);
    } else {
      headers.put(
          stripe,
          hash,
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
    int hash = hashOf(key);
    headers.remove(stripeOfHash(hash), hash, key);
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

  /**
   * Starts keeping the event-time bound of each group of {@code groupIds}: of a group that stores
   * nothing online, from nothing; of the others, from their persisted lease if they have one (a
   * group with values and no lease stays unknown). Holds every lock while it looks, so that no
   * write is between its read and its commit. One iterator serves every group: making an iterator
   * costs a pass over the family's memtable, and a store opens with all of its groups at once.
   */
  public void trackEventTimes(List<Long> groupIds) {
    exclusively(
        () -> {
          try (RocksIterator it = db.newIterator(family)) {
            eventTimeBounds.track(groupIds, groupId -> isGroupEmpty(it, groupId));
          }
          return groupIds.size();
        });
  }

  /**
   * Stops keeping the event-time bound of group {@code groupId}: every later write of the group
   * reads what its identifier holds. Its lease stays until {@link #deleteEventTimeLease}.
   */
  public void untrackEventTimes(long groupId) {
    eventTimeBounds.untrack(groupId);
  }

  /**
   * An upper bound of the event times of every value group {@code groupId} stores online, or {@link
   * Long#MAX_VALUE} if none is known. Read under the lock of the key a write compares: every
   * earlier write of that key is then counted.
   */
  public long eventTimeBound(long groupId) {
    return eventTimeBounds.bound(groupId);
  }

  /**
   * Counts a value with event time {@code eventTimeMicros} that a write is about to store for group
   * {@code groupId}; called under the key's lock, before the write commits. If the value passes the
   * group's persisted lease, first writes a new lease with {@code writing}.
   *
   * @return {@code false}, with nothing counted or written, if {@code impatient} and another write
   *     of the group is raising its lease: the caller does not write the value
   * @throws RocksDBException if the lease cannot be written (a write stall, with options that do
   *     not wait): the caller must not write the value
   */
  public boolean storing(
      long groupId, long eventTimeMicros, WriteOptions writing, boolean impatient)
      throws RocksDBException {
    return eventTimeBounds.storing(groupId, eventTimeMicros, writing, impatient);
  }

  /**
   * Before a file of values with event times up to {@code maxEventTimeMicros} is added to group
   * {@code groupId}, which stores nothing online, outside the write path: sets the group's bound
   * and writes its lease with {@code synced}, a synced write. The caller holds every lock ({@link
   * #exclusively}).
   */
  public void loadingEventTimes(long groupId, long maxEventTimeMicros, WriteOptions synced) {
    eventTimeBounds.loading(groupId, maxEventTimeMicros, synced);
  }

  /** Adds to {@code batch} the removal of group {@code groupId}'s event-time lease. */
  public void deleteEventTimeLease(WriteBatch batch, long groupId) {
    eventTimeBounds.deleteLease(batch, groupId);
  }

  /**
   * Lowers every group's event-time lease to its exact bound, holding every lock: a clean close
   * calls it last, so that the next open knows the exact bounds.
   */
  public void settleEventTimeLeases(WriteOptions writing) {
    exclusively(() -> eventTimeBounds.settle(writing));
  }

  /**
   * Removes the event-time lease of every group whose id is not in {@code liveGroupIds}.
   *
   * @return how many were removed
   */
  public int dropOtherEventTimeLeases(Set<Long> liveGroupIds, WriteOptions writing) {
    return eventTimeBounds.dropOthers(liveGroupIds, writing);
  }

  /** Whether group {@code groupId} has nothing in the online store. */
  public boolean isGroupEmpty(long groupId) {
    try (RocksIterator it = db.newIterator(family)) {
      return isGroupEmpty(it, groupId);
    }
  }

  private static boolean isGroupEmpty(RocksIterator it, long groupId) {
    it.seek(prefix(groupId));
    return !it.isValid() || groupIdOf(it.key()) != groupId;
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
