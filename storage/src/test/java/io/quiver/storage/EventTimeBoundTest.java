package io.quiver.storage;

import static io.quiver.storage.TestGroups.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes above a group's bound of stored event times replace their identifier's value without
 * reading it, and the bound outlives restarts through the group's persisted lease (issue 18).
 * Compared with a brute-force reference: the same writes into a group whose bound the store was
 * told to forget, so every write there reads and compares.
 */
class EventTimeBoundTest {
  private static final String GROUP = "customers";
  private static final int IDS = 12;
  private static final long HOUR_SECONDS = 3_600;

  @TempDir Path tmp;

  @Test
  void writesLeaveWhatTheyLeaveWhenEveryWriteReads() {
    Path knownDir = tmp.resolve("known");
    QuiverStore known = QuiverStore.open(knownDir);
    try (QuiverStore reads = storeThatReadsEveryWrite(tmp.resolve("reads"))) {
      known.createFeatureGroup(TestGroups.customers());
      SplittableRandom random = new SplittableRandom(18);
      long clock = 1_700_000_000L;
      int restarts = 0;
      for (int step = 0; step < 3_000; step++) {
        // Event times mostly grow, some repeat and some go back, as in real feeds; now and then
        // they jump by most of an hour, so that writes pass the group's lease again and again.
        clock += random.nextInt(3) * (random.nextInt(4) == 0 ? 1_500 : 1);
        long eventTime = clock - (random.nextInt(10) == 0 ? random.nextInt(20) : 0);
        apply(random.split(), eventTime, known, reads);
        if (step % 100 == 0) {
          assertSameOnline(known, reads);
        }
        if (random.nextInt(40) == 0) {
          // A restart: the group holds records and is known again from its lease.
          known.close();
          known = QuiverStore.open(knownDir);
          restarts++;
          assertThat(boundOf(known)).isNotEqualTo(Long.MAX_VALUE);
          assertSameOnline(known, reads);
        }
      }
      assertSameOnline(known, reads);
      assertThat(restarts).isGreaterThan(40);
      assertThat(clock - 1_700_000_000L).isGreaterThan(50 * HOUR_SECONDS);
    } finally {
      known.close();
    }
  }

  /** One random write, applied to both stores; a refusal must be the same on both. */
  private static void apply(
      SplittableRandom random, long eventTime, QuiverStore known, QuiverStore reads) {
    int kind = random.nextInt(100);
    String id = "c-" + random.nextInt(IDS);
    String time = Long.toString(eventTime);
    // Everything drawn before the loop, so that both stores get the same writes.
    long seed = random.nextLong();
    boolean expiresAtOnce = random.nextBoolean();
    List<String> outcomes = new ArrayList<>();
    for (QuiverStore store : List.of(known, reads)) {
      try {
        if (kind < 55) {
          store.putRecord(GROUP, record(id, time, "put " + eventTime));
        } else if (kind < 70) {
          List<Record> records = new ArrayList<>();
          SplittableRandom batch = new SplittableRandom(seed);
          for (int i = 0, n = 1 + batch.nextInt(6); i < n; i++) {
            long t = eventTime + batch.nextInt(3) - 1;
            records.add(record("c-" + batch.nextInt(IDS), Long.toString(t), "batch " + i));
          }
          store.putRecords(GROUP, records, RecordWriteOptions.defaults());
        } else if (kind < 80) {
          List<RecordPut> puts = new ArrayList<>();
          SplittableRandom each = new SplittableRandom(seed);
          for (int i = 0, n = 1 + each.nextInt(5); i < n; i++) {
            long t = eventTime + each.nextInt(3) - 1;
            puts.add(
                new RecordPut(
                    GROUP,
                    record("c-" + each.nextInt(IDS), Long.toString(t), "each " + i),
                    RecordWriteOptions.defaults()));
          }
          List<PutOutcome> results = store.tryPutEach(puts);
          outcomes.add(results.stream().map(r -> r.kind().name()).toList().toString());
        } else if (kind < 87) {
          store.deleteRecord(
              GROUP, id, time, DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());
        } else if (kind < 91) {
          store.deleteRecord(
              GROUP, id, time, DeletionMode.HARD_DELETE, RecordWriteOptions.defaults());
        } else {
          // Expiring records read what they replace; some have expired already (1 s after an
          // event time in the past), the others live for years.
          TtlDuration ttl =
              expiresAtOnce
                  ? TtlDuration.of(1, TtlUnit.SECONDS)
                  : TtlDuration.of(10_000, TtlUnit.DAYS);
          store.putRecord(GROUP, record(id, time, "ttl"), RecordWriteOptions.withTtl(ttl));
        }
        outcomes.add("ok");
      } catch (QuiverException e) {
        outcomes.add(e.getMessage());
      }
    }
    assertThat(outcomes.subList(0, outcomes.size() / 2))
        .isEqualTo(outcomes.subList(outcomes.size() / 2, outcomes.size()));
  }

  @Test
  void anOlderWriteAfterANewerOneStillComparesInAGroupCreatedEmpty() {
    try (QuiverStore store = QuiverStore.open(tmp)) {
      store.createFeatureGroup(TestGroups.customers());
      store.putRecord(GROUP, record("c-1", "200", "newer"));
      store.putRecord(GROUP, record("c-1", "100", "older"));
      store.putRecord(GROUP, record("c-2", "150", "other"));
      store.deleteRecord(
          GROUP, "c-2", "300", DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());
      // Above the bound of every other identifier's time, below the marker's.
      store.putRecord(GROUP, record("c-2", "250", "before the delete"));

      assertThat(nameOf(store, "c-1")).hasValue("newer");
      assertThat(store.getRecord(GROUP, "c-2")).isEmpty();
    }
  }

  @Test
  void theSweepKeepsARecordThatReplacedAnExpiredOneUnread() {
    try (QuiverStore store = QuiverStore.open(tmp)) {
      store.createFeatureGroup(TestGroups.customers());
      // Expired at once (one second after an event time in the past): its expiry entry is due.
      store.putRecord(
          GROUP,
          record("c-1", "100", "expiring"),
          RecordWriteOptions.withTtl(TtlDuration.of(1, TtlUnit.SECONDS)));
      // Above the group's bound and without a TTL: replaces it unread, leaving that entry behind.
      store.putRecord(GROUP, record("c-1", "200", "lasting"));

      assertThat(store.expireRecords()).isZero();
      assertThat(nameOf(store, "c-1")).hasValue("lasting");
    }
  }

  @Test
  void aGroupThatHeldRecordsAtOpenIsKnownFromItsLeaseAndStillCompares() {
    Path dir = tmp.resolve("store");
    try (QuiverStore store = QuiverStore.open(dir)) {
      store.createFeatureGroup(TestGroups.customers());
      store.putRecord(GROUP, record("c-1", "500", "before the restart"));
      store.putRecord(GROUP, record("c-2", "300", "another"));
    }
    try (QuiverStore store = QuiverStore.open(dir)) {
      // A clean close leaves the exact bound.
      assertThat(boundOf(store)).isEqualTo(500_000_000L);
      store.putRecord(GROUP, record("c-1", "400", "older, after the restart"));
      store.putRecord(GROUP, record("c-2", "499", "newer, below the bound"));
      store.putRecord(GROUP, record("c-3", "501", "above the bound"));

      assertThat(nameOf(store, "c-1")).hasValue("before the restart");
      assertThat(nameOf(store, "c-2")).hasValue("newer, below the bound");
      assertThat(nameOf(store, "c-3")).hasValue("above the bound");
      assertThat(boundOf(store)).isEqualTo(501_000_000L);
    }
  }

  @Test
  void aDeletedGroupsLeaseGoesWithIt() {
    Path dir = tmp.resolve("store");
    try (QuiverStore store = QuiverStore.open(dir)) {
      store.createFeatureGroup(TestGroups.customers());
      store.putRecord(GROUP, record("c-1", "500", "first"));
      store.deleteFeatureGroup(GROUP);
      store.createFeatureGroup(TestGroups.customers());
      store.putRecord(GROUP, record("c-1", "100", "in the new group"));
    }
    try (QuiverStore store = QuiverStore.open(dir)) {
      assertThat(boundOf(store)).isEqualTo(100_000_000L);
      assertThat(nameOf(store, "c-1")).hasValue("in the new group");
    }
  }

  @Test
  void aGroupEmptyAtOpenIsKnownAgainAndARecreatedGroupStartsEmpty() {
    Path dir = tmp.resolve("store");
    try (QuiverStore store = QuiverStore.open(dir)) {
      store.createFeatureGroup(TestGroups.customers());
    }
    try (QuiverStore store = QuiverStore.open(dir)) {
      store.putRecord(GROUP, record("c-1", "500", "first"));
      store.putRecord(GROUP, record("c-1", "400", "older"));
      assertThat(nameOf(store, "c-1")).hasValue("first");

      store.deleteFeatureGroup(GROUP);
      store.createFeatureGroup(TestGroups.customers());
      store.putRecord(GROUP, record("c-1", "100", "in the new group"));
      assertThat(nameOf(store, "c-1")).hasValue("in the new group");
    }
  }

  /** A store whose group's bound is forgotten: every write of it reads what it replaces. */
  private static QuiverStore storeThatReadsEveryWrite(Path dir) {
    QuiverStore store = QuiverStore.open(dir);
    long groupId = store.createFeatureGroup(TestGroups.customers()).id();
    ((RocksQuiverStore) store).online().untrackEventTimes(groupId);
    assertThat(boundOf(store)).isEqualTo(Long.MAX_VALUE);
    return store;
  }

  /** The bound of event times the store keeps for the group: Long.MAX_VALUE if not known. */
  private static long boundOf(QuiverStore store) {
    long groupId = store.describeFeatureGroup(GROUP).id();
    return ((RocksQuiverStore) store).online().eventTimeBound(groupId);
  }

  private static void assertSameOnline(QuiverStore known, QuiverStore reads) {
    for (int i = 0; i < IDS; i++) {
      String id = "c-" + i;
      assertThat(known.getRecord(GROUP, id)).as(id).isEqualTo(reads.getRecord(GROUP, id));
    }
  }

  private static Record record(String id, String eventTime, String name) {
    return customer(id, eventTime).set("name", name.toLowerCase(Locale.ROOT)).build();
  }

  private static Optional<String> nameOf(QuiverStore store, String id) {
    return store.getRecord(GROUP, id).map(r -> r.record().getString("name"));
  }
}
