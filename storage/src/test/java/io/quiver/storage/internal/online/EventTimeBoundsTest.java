package io.quiver.storage.internal.online;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.RocksFamilies;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** The event-time bounds of groups and their persisted leases (issue 18). */
class EventTimeBoundsTest {
  private static final long HOUR = EventTimeBounds.LEASE_MARGIN_MICROS;

  @TempDir Path tmp;

  private RocksFamilies rocks;
  private RocksDB db;
  private ColumnFamilyHandle metadata;
  private WriteOptions writeOptions;

  @BeforeEach
  void open() throws RocksDBException {
    rocks = RocksFamilies.open(tmp, "catalog");
    db = rocks.db();
    metadata = rocks.family("catalog");
    writeOptions = rocks.track(new WriteOptions());
  }

  @AfterEach
  void close() throws Exception {
    rocks.close();
  }

  @Test
  void theLeaseIsAnEightByteBigEndianValueUnderTheGroupsHexId() throws RocksDBException {
    EventTimeBounds bounds = new EventTimeBounds(db, metadata);
    bounds.track(List.of(42L), id -> true);

    assertThat(bounds.storing(42, 1_000, writeOptions, false)).isTrue();

    assertThat(new String(EventTimeBounds.leaseKey(42), UTF_8))
        .isEqualTo("event-time-lease/000000000000002a");
    assertThat(db.get(metadata, EventTimeBounds.leaseKey(42)))
        .isEqualTo(ByteBuffer.allocate(8).putLong(1_000 + HOUR).array());
    assertThat(bounds.bound(42)).isEqualTo(1_000);
  }

  @Test
  void onlyAWritePastTheLeaseRaisesIt() throws RocksDBException {
    EventTimeBounds bounds = new EventTimeBounds(db, metadata);
    bounds.track(List.of(1L), id -> true);
    bounds.storing(1, 1_000, writeOptions, false);

    bounds.storing(1, 1_000 + HOUR, writeOptions, false); // at the lease: covered
    assertThat(lease(1)).isEqualTo(1_000 + HOUR);
    bounds.storing(1, 500, writeOptions, false); // older: covered
    assertThat(lease(1)).isEqualTo(1_000 + HOUR);
    assertThat(bounds.bound(1)).isEqualTo(1_000 + HOUR);

    bounds.storing(1, 1_001 + HOUR, writeOptions, false);
    assertThat(lease(1)).isEqualTo(1_001 + 2 * HOUR);
  }

  @Test
  void aGroupWithValuesStartsFromItsLeaseAndWithoutOneIsNotKnown() throws RocksDBException {
    EventTimeBounds before = new EventTimeBounds(db, metadata);
    before.track(List.of(1L, 2L), id -> true);
    before.storing(1, 7_000, writeOptions, false);

    EventTimeBounds after = new EventTimeBounds(db, metadata);
    after.track(List.of(1L, 2L, 3L), id -> false);

    assertThat(after.bound(1)).isEqualTo(7_000 + HOUR);
    assertThat(after.bound(2)).isEqualTo(Long.MAX_VALUE);
    assertThat(after.bound(3)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aLeaseOfAnotherLengthIsNotTrusted() throws RocksDBException {
    db.put(metadata, EventTimeBounds.leaseKey(5), new byte[] {1, 2, 3});
    EventTimeBounds bounds = new EventTimeBounds(db, metadata);

    bounds.track(List.of(5L), id -> false);
    assertThat(bounds.bound(5)).isEqualTo(Long.MAX_VALUE);

    // Seen empty, the group is known; its first write replaces the damaged lease.
    bounds.track(List.of(5L), id -> true);
    assertThat(bounds.bound(5)).isEqualTo(Long.MIN_VALUE);
    bounds.storing(5, 10, writeOptions, false);
    assertThat(lease(5)).isEqualTo(10 + HOUR);
  }

  @Test
  void aLeaseOfAnEmptyGroupIsKeptAndCoversLaterWrites() throws RocksDBException {
    EventTimeBounds first = new EventTimeBounds(db, metadata);
    first.track(List.of(1L), id -> true);
    first.storing(1, 1_000, writeOptions, false);

    // The group's values were removed since (deleted or expired): it starts from nothing.
    EventTimeBounds second = new EventTimeBounds(db, metadata);
    second.track(List.of(1L), id -> true);
    assertThat(second.bound(1)).isEqualTo(Long.MIN_VALUE);
    second.storing(1, 2_000, writeOptions, false);

    assertThat(second.bound(1)).isEqualTo(2_000);
    assertThat(lease(1)).isEqualTo(1_000 + HOUR); // still covers 2,000
  }

  @Test
  void settleLowersLeasesToTheBoundsAndRemovesThoseOfGroupsThatStoredNothing()
      throws RocksDBException {
    db.put(metadata, EventTimeBounds.leaseKey(2), ByteBuffer.allocate(8).putLong(99).array());
    EventTimeBounds bounds = new EventTimeBounds(db, metadata);
    bounds.track(List.of(1L, 2L), id -> true);
    bounds.storing(1, 1_000, writeOptions, false);
    bounds.storing(1, 3_000, writeOptions, false);

    assertThat(bounds.settle(writeOptions)).isEqualTo(2);

    assertThat(lease(1)).isEqualTo(3_000);
    assertThat(db.get(metadata, EventTimeBounds.leaseKey(2))).isNull();
    // Settled leases are what the store holds: a write past the bound raises the lease again.
    bounds.storing(1, 3_001, writeOptions, false);
    assertThat(lease(1)).isEqualTo(3_001 + HOUR);
  }

  @Test
  void loadingSetsTheBoundAndTheLeaseToTheLoadedMaximum() throws RocksDBException {
    EventTimeBounds bounds = new EventTimeBounds(db, metadata);
    bounds.track(List.of(1L), id -> true);
    bounds.storing(1, 9_000, writeOptions, false);

    try (WriteOptions synced = new WriteOptions().setSync(true)) {
      bounds.loading(1, 4_000, synced);
    }

    assertThat(bounds.bound(1)).isEqualTo(4_000);
    assertThat(lease(1)).isEqualTo(4_000);
  }

  @Test
  void dropOthersRemovesTheLeasesOfGroupsNotLive() throws RocksDBException {
    EventTimeBounds bounds = new EventTimeBounds(db, metadata);
    bounds.track(List.of(1L, 2L, 3L), id -> true);
    for (long id = 1; id <= 3; id++) {
      bounds.storing(id, 100, writeOptions, false);
    }
    db.put(metadata, "event-time-lease/not-a-group".getBytes(UTF_8), new byte[8]);
    db.put(metadata, "group/kept".getBytes(UTF_8), new byte[] {1});

    assertThat(bounds.dropOthers(Set.of(2L), writeOptions)).isEqualTo(3);

    assertThat(db.get(metadata, EventTimeBounds.leaseKey(1))).isNull();
    assertThat(lease(2)).isEqualTo(100 + HOUR);
    assertThat(db.get(metadata, EventTimeBounds.leaseKey(3))).isNull();
    assertThat(db.get(metadata, "group/kept".getBytes(UTF_8))).containsExactly(1);
  }

  @Test
  void deleteLeaseRemovesItInTheBatch() throws RocksDBException {
    EventTimeBounds bounds = new EventTimeBounds(db, metadata);
    bounds.track(List.of(1L), id -> true);
    bounds.storing(1, 100, writeOptions, false);

    try (WriteBatch batch = new WriteBatch()) {
      bounds.deleteLease(batch, 1);
      db.write(writeOptions, batch);
    }

    assertThat(db.get(metadata, EventTimeBounds.leaseKey(1))).isNull();
  }

  @Test
  void anUnknownGroupWritesNoLease() throws RocksDBException {
    EventTimeBounds bounds = new EventTimeBounds(db, metadata);
    bounds.track(List.of(1L), id -> false);

    assertThat(bounds.storing(1, 100, writeOptions, false)).isTrue();

    assertThat(db.get(metadata, EventTimeBounds.leaseKey(1))).isNull();
    assertThat(bounds.bound(1)).isEqualTo(Long.MAX_VALUE);
  }

  private long lease(long groupId) throws RocksDBException {
    byte[] value = db.get(metadata, EventTimeBounds.leaseKey(groupId));
    assertThat(value).as("lease of group %d", groupId).hasSize(8);
    return ByteBuffer.wrap(value).getLong();
  }
}
