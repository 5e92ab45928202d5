package io.quiver.storage;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.internal.staging.StagingLog;
import io.quiver.storage.record.EventTimeFormat;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.RecordRules;
import io.quiver.storage.record.StoredRecord;
import io.quiver.storage.record.ValidRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The write path: PutRecord (one record, or a batch of them), DeleteRecord and TTL expiry. Each
 * write validates first, then, under the identifier's lock, reads the stored record, decides by
 * event time, and commits the online change and the offline staging entry in one WAL-logged {@link
 * WriteBatch}; a batch of records takes all its identifiers' locks and commits one batch.
 *
 * <p>Thread-safe: the per-identifier lock makes read-compare-write atomic, so concurrent writers
 * cannot break the latest-event-time rule.
 */
final class RecordWriter {
  private static final int EXPIRE_BATCH = 10_000;
  private final RocksDB db;
  private final WriteOptions writeOptions;
  private final WriteOptions impatientWriteOptions;
  private final OnlineStore online;
  private final ExpiryIndex expiry;
  private final StagingLog staging;
  private final InstantSource clock;
  // Each writing thread's buffer for handing records to write batches (see DirectPutBuffer).
  private final ThreadLocal<DirectPutBuffer> directPuts =
      ThreadLocal.withInitial(DirectPutBuffer::new);

  RecordWriter(
      RocksDB db,
      WriteOptions writeOptions,
      WriteOptions impatientWriteOptions,
      OnlineStore online,
      ExpiryIndex expiry,
      StagingLog staging,
      InstantSource clock) {
    this.db = db;
    this.writeOptions = writeOptions;
    this.impatientWriteOptions = impatientWriteOptions;
    this.online = online;
    this.expiry = expiry;
    this.staging = staging;
    this.clock = clock;
  }

  void put(FeatureGroup group, Record record, RecordWriteOptions options) {
    put(group, record, options, false);
  }

  /**
   * Puts {@code record}; when {@code impatient}, a write that would have to wait is not made and
   * {@code false} returned instead: one RocksDB would hold back (a write stall), or one whose
   * identifier's lock another writer holds (a batch of PutRecords, a bulk load taking every lock).
   */
  boolean put(FeatureGroup group, Record record, RecordWriteOptions options, boolean impatient) {
    Targets targets = Targets.of(group, options, "put record into");
    ValidRecord valid = RecordRules.check(group, record);
    long now = nowMicros();
    byte[] encoded = RecordCodec.encode(valid, now, expiresAt(group, options, valid));
    WriteOptions writing = impatient ? impatientWriteOptions : writeOptions;
    if (!targets.online()) {
      return commitStaged(group, encoded, writing);
    }
    byte[] key = OnlineStore.key(group.id(), valid.recordIdentifier());
    ReentrantLock lock = online.lockFor(key);
    if (impatient) {
      if (!lock.tryLock()) {
        return false;
      }
    } else {
      lock.lock();
    }
    try (WriteBatch batch = new WriteBatch()) {
      long eventMicros = valid.eventTimeMicros();
      boolean unread = replacesUnread(eventMicros, online.eventTimeBound(group.id()), encoded);
      if (!online.storing(group.id(), eventMicros, writing, impatient)) {
        return false;
      }
      byte[] existing = unread ? null : online.getHeader(key);
      byte[] after =
          addWrites(batch, key, existing, eventMicros, encoded, now, stagedFor(group, targets));
      commit(batch, List.of(key), writing);
      committed(key, after, unread);
      return true;
    } catch (RocksDBException e) {
      if (impatient && isStall(e)) {
        return false;
      }
      throw new StorageException("Cannot put record into feature group " + group.name(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A put checked and encoded, ready for {@link #tryCommit}: what {@link #put} does before it takes
   * the identifier's lock.
   */
  static final class Prepared {
    private final FeatureGroup group;
    private final Targets targets;
    private final long eventMicros;
    private final byte[] encoded;
    private final byte @Nullable [] key;

    private Prepared(
        FeatureGroup group,
        Targets targets,
        long eventMicros,
        byte[] encoded,
        byte @Nullable [] key) {
      this.group = group;
      this.targets = targets;
      this.eventMicros = eventMicros;
      this.encoded = encoded;
      this.key = key;
    }
  }

  /**
   * Checks and encodes {@code record} (already through the group's ingest transform) for {@link
   * #tryCommit}.
   *
   * @throws QuiverException what {@link #put} throws for the same record before writing anything
   */
  Prepared prepare(FeatureGroup group, Record record, RecordWriteOptions options) {
    Targets targets = Targets.of(group, options, "put record into");
    ValidRecord valid = RecordRules.check(group, record);
    byte[] encoded = RecordCodec.encode(valid, nowMicros(), expiresAt(group, options, valid));
    byte[] key = targets.online() ? OnlineStore.key(group.id(), valid.recordIdentifier()) : null;
    return new Prepared(group, targets, valid.eventTimeMicros(), encoded, key);
  }

  /**
   * Commits {@code puts} in one {@link WriteBatch}, each as {@link #put} would, never waiting: a
   * put whose identifier's lock another writer holds is left out, and if RocksDB would hold the
   * batch back (a write stall) none is written; those are {@link PutOutcome#wouldWait()}. Outcomes
   * are in the order of {@code puts}. A failed write refuses every put of the batch.
   *
   * <p>Unless one of them expires, the puts are applied in order of event time (the list's order
   * among equal ones), which ends in what applying them in the list's order ends in: a stored
   * record is replaced only by a newer one or once it has expired, so of an identifier's puts the
   * newest (the first of equals) is what it holds, and every put is staged for the offline store
   * either way. Applied so, puts that came in slightly out of order (concurrent requests, read in
   * whatever order their connections were ready) are each above the group's bound of stored event
   * times when their turn comes, and replace their identifier's record without reading it first.
   */
  List<PutOutcome> tryCommit(List<Prepared> puts) {
    PutOutcome[] outcomes = new PutOutcome[puts.size()];
    if (puts.isEmpty()) {
      return List.of();
    }
    long now = nowMicros();
    List<ReentrantLock> held = new ArrayList<>(puts.size());
    List<byte[]> keys = new ArrayList<>(puts.size());
    // What each key holds after the puts so far (the key's lock is held from its first put on),
    // and the keys whose last put replaced their value unread.
    Map<ByteBuffer, byte @Nullable []> current = new HashMap<>();
    Set<ByteBuffer> lastUnread = new HashSet<>();
    boolean anyIncluded = false;
    try (WriteBatch batch = new WriteBatch()) {
      try {
        for (int i : eventTimeOrder(puts)) {
          Prepared put = puts.get(i);
          if (put.key != null) {
            ReentrantLock lock = online.lockFor(put.key);
            if (!lock.tryLock()) {
              outcomes[i] = PutOutcome.wouldWait();
              continue;
            }
            held.add(lock);
            keys.add(put.key);
            ByteBuffer key = ByteBuffer.wrap(put.key);
            long groupId = put.group.id();
            boolean unread =
                replacesUnread(put.eventMicros, online.eventTimeBound(groupId), put.encoded);
            if (!online.storing(groupId, put.eventMicros, impatientWriteOptions, true)) {
              outcomes[i] = PutOutcome.wouldWait();
              continue;
            }
            byte[] existing =
                current.containsKey(key)
                    ? current.get(key)
                    : unread ? null : online.getHeader(put.key);
            current.put(
                key,
                addWrites(
                    batch,
                    put.key,
                    existing,
                    put.eventMicros,
                    put.encoded,
                    now,
                    stagedFor(put.group, put.targets)));
            track(lastUnread, key, unread);
          } else if (put.targets.offline()) {
            staging.stage(batch, put.group.id(), put.encoded);
          }
          outcomes[i] = PutOutcome.written();
          anyIncluded = true;
        }
        if (anyIncluded) {
          commit(batch, keys, impatientWriteOptions);
          current.forEach((key, value) -> committed(key.array(), value, lastUnread.contains(key)));
        }
      } catch (RocksDBException e) {
        boolean stall = isStall(e);
        failAll(
            puts,
            outcomes,
            put ->
                stall
                    ? PutOutcome.wouldWait()
                    : PutOutcome.refused(
                        new StorageException(
                            "Cannot put record into feature group " + put.group.name(), e)));
      } catch (QuiverException e) {
        // Reading a stored header or staging failed before the write: nothing is written.
        failAll(puts, outcomes, put -> PutOutcome.refused(e));
      }
    } finally {
      for (int i = held.size() - 1; i >= 0; i--) {
        held.get(i).unlock();
      }
    }
    return Arrays.asList(outcomes);
  }

  /**
   * The positions of {@code puts} in order of event time, the list's order among equal ones; the
   * list's own order when it is already so (as a single writer's puts are), or when a put expires:
   * an expired record is replaced by any put, older or not, so with one in the list the order
   * decides what an identifier ends with.
   */
  private static int[] eventTimeOrder(List<Prepared> puts) {
    int n = puts.size();
    int[] order = new int[n];
    boolean sorted = true;
    boolean expiring = false;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      sorted &= i == 0 || puts.get(i - 1).eventMicros <= puts.get(i).eventMicros;
      expiring |= RecordCodec.expiresAtMicros(puts.get(i).encoded) != StoredRecord.NEVER;
    }
    if (sorted || expiring) {
      return order;
    }
    // A stable sort of (event time, position) pairs: positions break ties in the list's order.
    long[][] pairs = new long[n][];
    for (int i = 0; i < n; i++) {
      pairs[i] = new long[] {puts.get(i).eventMicros, i};
    }
    Arrays.sort(
        pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    for (int i = 0; i < n; i++) {
      order[i] = (int) pairs[i][1];
    }
    return order;
  }

  /**
   * Turns the outcomes of the puts that were in a batch that was not written into {@code
   * failure}'s, and gives the puts not reached yet the same.
   */
  private static void failAll(
      List<Prepared> puts, PutOutcome[] outcomes, Function<Prepared, PutOutcome> failure) {
    for (int i = 0; i < puts.size(); i++) {
      if (outcomes[i] == null || outcomes[i].kind() == PutOutcome.Kind.WRITTEN) {
        outcomes[i] = failure.apply(puts.get(i));
      }
    }
  }

  /** Whether a write failed only because RocksDB would have held it back (no_slowdown). */
  private static boolean isStall(RocksDBException e) {
    Status status = e.getStatus();
    return status != null && status.getCode() == Status.Code.Incomplete;
  }

  /**
   * Puts {@code records} in order, as consecutive {@link #put}s committed in one {@link
   * WriteBatch}: a record compares with the one stored before the call or with an earlier record of
   * the same identifier in the list. Validation runs first; at the first invalid record, the
   * records before it are written and its failure is thrown.
   */
  void putAll(FeatureGroup group, List<Record> records, RecordWriteOptions options) {
    PutRecordsResult result = tryPutAll(group, records, options);
    if (result.refused() != null) {
      throw result.refused();
    }
  }

  /** As {@link #putAll}, returning the refusal with the count written instead of throwing it. */
  PutRecordsResult tryPutAll(FeatureGroup group, List<Record> records, RecordWriteOptions options) {
    Targets targets = Targets.of(group, options, "put record into");
    List<ValidRecord> valid = new ArrayList<>(records.size());
    QuiverException refused = null;
    for (Record record : records) {
      try {
        valid.add(RecordRules.check(group, record));
      } catch (QuiverException e) {
        refused = e;
        break;
      }
    }
    if (!valid.isEmpty()) {
      writeAll(group, valid, targets, options);
    }
    return new PutRecordsResult(valid.size(), refused);
  }

  private void writeAll(
      FeatureGroup group, List<ValidRecord> valid, Targets targets, RecordWriteOptions options) {
    long now = nowMicros();
    List<byte[]> encoded = new ArrayList<>(valid.size());
    List<byte[]> keys = new ArrayList<>(valid.size());
    for (ValidRecord record : valid) {
      encoded.add(RecordCodec.encode(record, now, expiresAt(group, options, record)));
      keys.add(OnlineStore.key(group.id(), record.recordIdentifier()));
    }
    List<ReentrantLock> locks = targets.online() ? online.locksFor(keys) : List.of();
    int held = 0;
    try (WriteBatch batch = new WriteBatch()) {
      for (ReentrantLock lock : locks) {
        lock.lock();
        held++;
      }
      // What each key holds after the records so far, so a later record of the same identifier
      // compares with an earlier one in this list rather than with the stored record.
      Map<ByteBuffer, byte @Nullable []> current = new HashMap<>();
      Set<ByteBuffer> lastUnread = new HashSet<>();
      if (targets.online()) {
        // Which records replace their identifier's value unread: those above the group's bound
        // and every earlier record of the list (which may have raised what their keys hold).
        long bound = online.eventTimeBound(group.id());
        boolean[] unread = new boolean[valid.size()];
        List<byte[]> toRead = new ArrayList<>(valid.size());
        for (int i = 0; i < valid.size(); i++) {
          long eventMicros = valid.get(i).eventTimeMicros();
          unread[i] = replacesUnread(eventMicros, bound, encoded.get(i));
          if (!unread[i]) {
            toRead.add(keys.get(i));
          }
          bound = Math.max(bound, eventMicros);
          online.storing(group.id(), eventMicros, writeOptions, false);
        }
        List<byte @Nullable []> read = online.getHeaders(toRead);
        int nextRead = 0;
        for (int i = 0; i < valid.size(); i++) {
          ByteBuffer key = ByteBuffer.wrap(keys.get(i));
          byte[] stored = unread[i] ? null : read.get(nextRead++);
          byte[] existing = current.containsKey(key) ? current.get(key) : stored;
          current.put(
              key,
              addWrites(
                  batch,
                  keys.get(i),
                  existing,
                  valid.get(i).eventTimeMicros(),
                  encoded.get(i),
                  now,
                  stagedFor(group, targets)));
          track(lastUnread, key, unread[i]);
        }
      } else if (targets.offline()) {
        for (byte[] record : encoded) {
          staging.stage(batch, group.id(), record);
        }
      }
      commit(batch, targets.online() ? keys : List.of());
      current.forEach((key, value) -> committed(key.array(), value, lastUnread.contains(key)));
    } catch (RocksDBException e) {
      throw new StorageException("Cannot put records into feature group " + group.name(), e);
    } finally {
      for (int i = held - 1; i >= 0; i--) {
        locks.get(i).unlock();
      }
    }
  }

  private static void track(Set<ByteBuffer> lastUnread, ByteBuffer key, boolean unread) {
    if (unread) {
      lastUnread.add(key);
    } else {
      lastUnread.remove(key);
    }
  }

  /**
   * Tells the online store's cache of headers what {@code key} holds after a committed write. A
   * write that replaced the key's value unread leaves it out of the cache instead: its group's
   * bound already spares the next write of the key its read, unless that write is older, and
   * keeping every streamed key's header would cost each write a copy and an eviction.
   */
  private void committed(byte[] key, byte @Nullable [] value, boolean unread) {
    if (unread) {
      online.forget(key);
    } else {
      online.committed(key, value);
    }
  }

  /**
   * Whether a record with event time {@code eventMicros}, encoded as {@code encoded}, replaces
   * whatever its identifier holds without reading it: its event time is above {@code bound}, the
   * group's bound of stored event times (read under the key's lock). Records that expire still read
   * what they replace, so that the expiry index entry of a replaced expiring record is removed
   * rather than left for the sweep.
   */
  private static boolean replacesUnread(long eventMicros, long bound, byte[] encoded) {
    return eventMicros > bound && RecordCodec.expiresAtMicros(encoded) == StoredRecord.NEVER;
  }

  /**
   * Adds to {@code batch} the online update of a record whose event time is {@code eventMicros}, if
   * it replaces {@code existing} (absent, expired, or older), and its staging entry if {@code
   * stagedFor} names its group; returns what the key holds after.
   */
  private byte @Nullable [] addWrites(
      WriteBatch batch,
      byte[] key,
      byte @Nullable [] existing,
      long eventMicros,
      byte[] encoded,
      long now,
      @Nullable FeatureGroup stagedFor)
      throws RocksDBException {
    boolean newer =
        existing == null
            || RecordCodec.expiresAtMicros(existing) <= now
            || eventMicros > RecordCodec.eventTimeMicros(existing);
    if (newer) {
      expiry.replace(batch, key, existing, RecordCodec.expiresAtMicros(encoded));
    } else if (stagedFor == null) {
      return existing;
    }
    if (DirectPutBuffer.fits(key, encoded)) {
      directPuts
          .get()
          .put(
              batch,
              newer ? online.family() : null,
              key,
              stagedFor == null ? null : staging,
              stagedFor == null ? 0 : stagedFor.id(),
              encoded);
    } else {
      if (newer) {
        batch.put(online.family(), key, encoded);
      }
      if (stagedFor != null) {
        staging.stage(batch, stagedFor.id(), encoded);
      }
    }
    return newer ? encoded : existing;
  }

  /** The group whose staging log a write of {@code group} to {@code targets} goes to, if any. */
  private static @Nullable FeatureGroup stagedFor(FeatureGroup group, Targets targets) {
    return targets.offline() ? group : null;
  }

  private static long expiresAt(FeatureGroup group, RecordWriteOptions options, ValidRecord valid) {
    TtlDuration ttl = options.ttlDuration() != null ? options.ttlDuration() : group.defaultTtl();
    return ttl == null ? StoredRecord.NEVER : saturatedAdd(valid.eventTimeMicros(), ttl.toMicros());
  }

  void delete(
      FeatureGroup group,
      String recordIdentifier,
      String eventTime,
      DeletionMode mode,
      RecordWriteOptions options) {
    Targets targets = Targets.of(group, options, "delete record from");
    String identifier = RecordRules.canonicalIdentifier(group, recordIdentifier);
    long eventMicros = EventTimeFormat.of(group.eventTime().type()).parseMicros(eventTime);
    byte[] marker =
        RecordCodec.encodeDeletion(
            group.recordIdentifierPosition(),
            identifier,
            group.eventTimePosition(),
            eventTime,
            eventMicros,
            nowMicros());
    if (!targets.online()) {
      commitStaged(group, marker);
      return;
    }
    byte[] key = OnlineStore.key(group.id(), identifier);
    ReentrantLock lock = online.lockFor(key);
    lock.lock();
    try (WriteBatch batch = new WriteBatch()) {
      byte[] existing = online.getHeader(key);
      online.storing(group.id(), eventMicros, writeOptions, false);
      boolean live = existing != null && RecordCodec.expiresAtMicros(existing) > nowMicros();
      boolean later = !live || eventMicros > RecordCodec.eventTimeMicros(requireNonNull(existing));
      if (mode == DeletionMode.HARD_DELETE) {
        if (!later) {
          throw new ValidationException(
              "Cannot hard delete record "
                  + recordIdentifier
                  + " of feature group "
                  + group.name()
                  + ": EventTime "
                  + eventTime
                  + " is not later than the stored record's event time "
                  + Instant.EPOCH.plus(
                      RecordCodec.eventTimeMicros(requireNonNull(existing)), ChronoUnit.MICROS)
                  + " (a hard delete must be later; a soft delete may be earlier)");
        }
        if (existing != null) {
          batch.delete(online.family(), key);
          expiry.replace(batch, key, existing, StoredRecord.NEVER);
        }
      } else if (later) {
        batch.put(online.family(), key, marker);
        expiry.replace(batch, key, existing, StoredRecord.NEVER);
      }
      if (targets.offline()) {
        staging.stage(batch, group.id(), marker);
      }
      commit(batch, List.of(key));
      if (mode == DeletionMode.HARD_DELETE) {
        online.committed(key, null);
      } else if (later) {
        online.committed(key, marker);
      }
    } catch (RocksDBException e) {
      throw new StorageException("Cannot delete record from feature group " + group.name(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes the online records whose expiry has passed, found through the expiry index (so a sweep
   * costs what expired, not the size of the store), appending a deletion marker for each record of
   * a group with an offline store, as SageMaker does on TTL expiry.
   */
  int expire(Map<Long, FeatureGroup> groupsById) {
    long now = nowMicros();
    int removed = 0;
    List<byte[]> due;
    while (!(due = expiry.due(now, EXPIRE_BATCH)).isEmpty()) {
      for (byte[] indexKey : due) {
        if (expireOne(indexKey, groupsById, now)) {
          removed++;
        }
      }
      if (due.size() < EXPIRE_BATCH) {
        break;
      }
    }
    return removed;
  }

  private boolean expireOne(byte[] indexKey, Map<Long, FeatureGroup> groupsById, long now) {
    byte[] key = ExpiryIndex.onlineKeyOf(indexKey);
    ReentrantLock lock = online.lockFor(key);
    lock.lock();
    try (WriteBatch batch = new WriteBatch()) {
      batch.delete(expiry.family(), indexKey);
      byte[] current = online.get(key);
      // The index entry may be stale: the record was replaced, deleted, or its group dropped.
      boolean expired =
          current != null
              && RecordCodec.expiresAtMicros(current) == ExpiryIndex.expiresAtOf(indexKey);
      FeatureGroup group = groupsById.get(OnlineStore.groupIdOf(key));
      if (expired) {
        if (group != null && group.spec().hasOfflineStore()) {
          staging.stage(batch, group.id(), expiryMarker(group, requireNonNull(current), now));
        }
        batch.delete(online.family(), key);
      }
      commit(batch, List.of(key));
      if (expired) {
        online.committed(key, null);
      }
      return expired;
    } catch (RocksDBException e) {
      throw new StorageException("Cannot remove expired records", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The offline deletion marker of an expired record, dated at its {@code ExpiresAt} (rounded up to
   * what the event-time format holds): the record was live online until then, so a point-in-time
   * query at any earlier instant must still find it. Its invocation time is the sweep's.
   */
  private static byte[] expiryMarker(FeatureGroup group, byte[] current, long now) {
    boolean[] wanted = new boolean[group.features().size()];
    wanted[group.recordIdentifierPosition()] = true;
    StoredRecord stored = RecordCodec.decode(current, group, wanted);
    EventTimeFormat format = EventTimeFormat.of(group.eventTime().type());
    String expiresAt = format.formatAtOrAfter(stored.expiresAtMicros());
    return RecordCodec.encodeDeletion(
        group.recordIdentifierPosition(),
        stored.record().getString(group.recordIdentifier().name()),
        group.eventTimePosition(),
        expiresAt,
        format.parseMicros(expiresAt),
        now);
  }

  private void commitStaged(FeatureGroup group, byte[] encoded) {
    commitStaged(group, encoded, writeOptions);
  }

  private boolean commitStaged(FeatureGroup group, byte[] encoded, WriteOptions writing) {
    try (WriteBatch batch = new WriteBatch()) {
      staging.stage(batch, group.id(), encoded);
      commit(batch, List.of(), writing);
      return true;
    } catch (RocksDBException e) {
      if (writing == impatientWriteOptions && isStall(e)) {
        return false;
      }
      throw new StorageException(
          "Cannot write to the offline staging log of feature group " + group.name(), e);
    }
  }

  /**
   * Writes {@code batch}. If the write fails, the cached headers of {@code onlineKeys} (whose locks
   * the caller holds) are dropped, since what they store is then not known for sure.
   */
  private void commit(WriteBatch batch, List<byte[]> onlineKeys) throws RocksDBException {
    commit(batch, onlineKeys, writeOptions);
  }

  private void commit(WriteBatch batch, List<byte[]> onlineKeys, WriteOptions writing)
      throws RocksDBException {
    if (batch.count() == 0) {
      return;
    }
    boolean written = false;
    try {
      db.write(writing, batch);
      written = true;
    } finally {
      if (!written) {
        onlineKeys.forEach(online::forget);
      }
    }
  }

  private long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? StoredRecord.NEVER : sum;
  }

  /** The stores a write goes to, checked against the stores the group has. */
  private record Targets(boolean online, boolean offline) {
    static Targets of(FeatureGroup group, RecordWriteOptions options, String action) {
      boolean hasOnline = group.spec().hasOnlineStore();
      boolean hasOffline = group.spec().hasOfflineStore();
      if (options.targetStores().isEmpty()) {
        return new Targets(hasOnline, hasOffline);
      }
      boolean online = options.targetStores().contains(TargetStore.ONLINE_STORE);
      boolean offline = options.targetStores().contains(TargetStore.OFFLINE_STORE);
      if (online && !hasOnline) {
        throw new ValidationException(
            "Cannot "
                + action
                + " feature group "
                + group.name()
                + ": TargetStores names OnlineStore, but the group has no online store");
      }
      if (offline && !hasOffline) {
        throw new ValidationException(
            "Cannot "
                + action
                + " feature group "
                + group.name()
                + ": TargetStores names OfflineStore, but the group has no offline store");
      }
      return new Targets(online, offline);
    }
  }
}
