package io.quiver.storage.internal.online;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.error.StorageException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Per group, an upper bound of the event times of every value the group stores online, in memory,
 * and a persisted lease that is never below it, so that the bound outlives a restart or a crash.
 *
 * <p>The lease of group {@code g} is the key {@code event-time-lease/<g as 16 hex digits>} of the
 * metadata family, an 8-byte big-endian number of microseconds (docs/format/catalog.md). Invariant:
 * it is at least the event time of every value the group stores, or absent. A write whose event
 * time passes the lease first writes a new lease (its event time plus {@link #LEASE_MARGIN_MICROS})
 * with a plain put, and commits its own batch only after that put returned: the write-ahead log
 * keeps the order, so a record that survives a crash has a lease that covers it. Only one write per
 * margin of event time pays that put. A clean close lowers each lease to the exact bound.
 *
 * <p>Thread-safety: the caller serializes per key (the online store's striped locks); leases are
 * raised under a per-group lock taken inside them, so a lease never goes down while writes run.
 */
final class EventTimeBounds {
  /** How far past the event time that raised it a new lease reaches: one hour. */
  static final long LEASE_MARGIN_MICROS = 3_600_000_000L;

  private static final String LEASE_PREFIX = "event-time-lease/";
  private static final int LEASE_BYTES = Long.BYTES;

  private final RocksDB db;
  private final ColumnFamilyHandle leases;

  /*
   * Invariant: while a group has an entry, its bound is at least the event time of every value the
   * group stores online (records and soft-deletion markers, live or expired), and its lease is
   * what the metadata family holds for the group (Long.MIN_VALUE: nothing valid), never more. It
   * holds because an entry is made only while every online lock is held, from a group seen empty
   * or from its lease; every write of a value calls storing() under its key's lock before it
   * commits (a failed commit leaves the bound looser, never wrong); and whatever adds values
   * another way (a bulk load's ingested file) resets the entry and the lease first, holding every
   * lock. A group without an entry is not known: every write reads.
   */
  private final ConcurrentHashMap<Long, Bound> bounds = new ConcurrentHashMap<>();

  EventTimeBounds(RocksDB db, ColumnFamilyHandle leases) {
    this.db = db;
    this.leases = leases;
  }

  /** The bound and lease of one group. */
  private static final class Bound {
    final AtomicLong bound;
    final ReentrantLock leaseLock = new ReentrantLock();
    volatile long lease;

    Bound(long bound, long lease) {
      this.bound = new AtomicLong(bound);
      this.lease = lease;
    }
  }

  /**
   * Starts keeping the bound of each group of {@code groupIds}: from nothing if {@code isEmpty}
   * says the group stores nothing online, else from its lease if it has one; a group with values
   * and no lease stays unknown. The caller holds every online lock.
   */
  void track(List<Long> groupIds, LongPredicate isEmpty) {
    for (long groupId : groupIds) {
      long lease = readLease(groupId);
      if (isEmpty.test(groupId)) {
        bounds.put(groupId, new Bound(Long.MIN_VALUE, lease));
      } else if (lease != Long.MIN_VALUE) {
        bounds.put(groupId, new Bound(lease, lease));
      } else {
        bounds.remove(groupId);
      }
    }
  }

  /** Stops keeping the bound of group {@code groupId}; its lease stays until deleted. */
  void untrack(long groupId) {
    bounds.remove(groupId);
  }

  /** The group's bound, or {@link Long#MAX_VALUE} if none is known. */
  long bound(long groupId) {
    Bound bound = bounds.get(groupId);
    return bound == null ? Long.MAX_VALUE : bound.bound.get();
  }

  /**
   * Counts a value with event time {@code eventMicros} about to be stored for group {@code
   * groupId}, first raising the group's lease with {@code writing} if the value passes it. Called
   * under the key's lock, before the value's write commits.
   *
   * @return {@code false}, with nothing counted, if {@code impatient} and another write of the
   *     group is raising the lease
   * @throws RocksDBException if the lease cannot be written: the value must not be written either
   */
  boolean storing(long groupId, long eventMicros, WriteOptions writing, boolean impatient)
      throws RocksDBException {
    Bound bound = bounds.get(groupId);
    if (bound == null) {
      return true;
    }
    if (eventMicros > bound.lease) {
      if (impatient) {
        if (!bound.leaseLock.tryLock()) {
          return false;
        }
      } else {
        bound.leaseLock.lock();
      }
      try {
        if (eventMicros > bound.lease) {
          long lease = saturatedAdd(eventMicros, LEASE_MARGIN_MICROS);
          db.put(leases, writing, leaseKey(groupId), leaseValue(lease));
          bound.lease = lease;
        }
      } finally {
        bound.leaseLock.unlock();
      }
    }
    bound.bound.accumulateAndGet(eventMicros, Math::max);
    return true;
  }

  /**
   * Sets the bound of group {@code groupId}, which stores nothing online, to {@code maxEventMicros}
   * and writes the same lease with {@code synced} (a synced write), before values up to that event
   * time are added outside the write path. The caller holds every online lock.
   */
  void loading(long groupId, long maxEventMicros, WriteOptions synced) {
    try {
      db.put(leases, synced, leaseKey(groupId), leaseValue(maxEventMicros));
    } catch (RocksDBException e) {
      throw new StorageException("Cannot write the event-time lease of group " + groupId, e);
    }
    bounds.put(groupId, new Bound(maxEventMicros, maxEventMicros));
  }

  /** Adds to {@code batch} the removal of group {@code groupId}'s lease. */
  void deleteLease(WriteBatch batch, long groupId) {
    try {
      batch.delete(leases, leaseKey(groupId));
    } catch (RocksDBException e) {
      throw new StorageException("Cannot delete the event-time lease of group " + groupId, e);
    }
  }

  /**
   * Lowers every lease to its group's bound (or removes it, for a group that stored nothing): what
   * a clean close leaves, so that the next open knows the exact bounds. The caller holds every
   * online lock.
   *
   * @return how many leases were written or removed
   */
  int settle(WriteOptions writing) {
    try (WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<Long, Bound> entry : bounds.entrySet()) {
        Bound bound = entry.getValue();
        long exact = bound.bound.get();
        if (exact == bound.lease) {
          continue;
        }
        if (exact == Long.MIN_VALUE) {
          batch.delete(leases, leaseKey(entry.getKey()));
        } else {
          batch.put(leases, leaseKey(entry.getKey()), leaseValue(exact));
        }
      }
      if (batch.count() > 0) {
        db.write(writing, batch);
        bounds.values().forEach(bound -> bound.lease = bound.bound.get());
      }
      return batch.count();
    } catch (RocksDBException e) {
      throw new StorageException("Cannot write the event-time leases", e);
    }
  }

  /**
   * Removes the lease of every group whose id is not in {@code liveGroupIds} (a group deleted while
   * a write raised its lease, or before a crash).
   *
   * @return how many leases were removed
   */
  int dropOthers(Set<Long> liveGroupIds, WriteOptions writing) {
    byte[] prefix = LEASE_PREFIX.getBytes(UTF_8);
    int dropped = 0;
    try (RocksIterator it = db.newIterator(leases);
        WriteBatch batch = new WriteBatch()) {
      for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
        Long groupId = groupIdOfLease(it.key(), prefix.length);
        if (groupId == null || !liveGroupIds.contains(groupId)) {
          batch.delete(leases, it.key());
          dropped++;
        }
      }
      if (dropped > 0) {
        db.write(writing, batch);
      }
    } catch (RocksDBException e) {
      throw new StorageException("Cannot remove the event-time leases of deleted groups", e);
    }
    return dropped;
  }

  /**
   * The lease of group {@code groupId}, or {@link Long#MIN_VALUE} if it has none (or a damaged
   * one).
   */
  private long readLease(long groupId) {
    byte[] value;
    try {
      value = db.get(leases, leaseKey(groupId));
    } catch (RocksDBException e) {
      throw new StorageException("Cannot read the event-time lease of group " + groupId, e);
    }
    // A value of another length is not a lease this version wrote: the group is then not known.
    return value == null || value.length != LEASE_BYTES
        ? Long.MIN_VALUE
        : ByteBuffer.wrap(value).getLong();
  }

  /** The key of group {@code groupId}'s lease. */
  static byte[] leaseKey(long groupId) {
    return (LEASE_PREFIX + HexFormat.of().toHexDigits(groupId)).getBytes(UTF_8);
  }

  private static byte[] leaseValue(long micros) {
    return ByteBuffer.allocate(LEASE_BYTES).putLong(micros).array();
  }

  private static @Nullable Long groupIdOfLease(byte[] key, int prefixLength) {
    String hex = new String(key, prefixLength, key.length - prefixLength, UTF_8);
    if (hex.length() != 16) {
      return null;
    }
    try {
      return HexFormat.fromHexDigitsToLong(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
