package io.quiver.storage;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.ORDERS;
import static io.quiver.storage.TestGroups.customer;
import static io.quiver.storage.TestGroups.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.StoredRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QuiverStore#tryPutEach}: several PutRecords of several groups committed as one write, each
 * with PutRecord's own rules and answer.
 */
class GroupCommitTest {
  private static final String HISTORY = "history";

  @TempDir Path dir;
  private QuiverStore store;

  @BeforeEach
  void open() {
    store = QuiverStore.open(dir);
    TestGroups.createCustomersOrdersAndHistory(store, HISTORY);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void writesEachPutOfEveryGroupAndRefusesOnlyTheBadOnes() {
    Record bad = customer("c-2", "soon").build();
    String expected = refusalOf(() -> store.putRecord(CUSTOMERS, bad));

    List<PutOutcome> outcomes =
        store.tryPutEach(
            List.of(
                put(CUSTOMERS, customer("c-1", "100").set("name", "ann").build()),
                put(CUSTOMERS, bad),
                put(ORDERS, order("7", "2026-01-01T00:00:00Z").set("amount", "3.5").build()),
                put("nope", customer("c-3", "1").build()),
                put(HISTORY, customer("h-1", "1").build())));

    assertThat(outcomes)
        .extracting(PutOutcome::kind)
        .containsExactly(
            PutOutcome.Kind.WRITTEN,
            PutOutcome.Kind.REFUSED,
            PutOutcome.Kind.WRITTEN,
            PutOutcome.Kind.REFUSED,
            PutOutcome.Kind.WRITTEN);
    assertThat(outcomes.get(1).refusal())
        .isInstanceOf(ValidationException.class)
        .hasMessage(expected);
    assertThat(outcomes.get(3).refusal()).isInstanceOf(ResourceNotFoundException.class);
    assertThat(nameOf("c-1")).hasValue("ann");
    assertThat(store.getRecord(CUSTOMERS, "c-2")).isEmpty();
    assertThat(store.getRecord(ORDERS, "7")).isPresent();
    assertThat(store.offlineSnapshot(HISTORY).stagedRecords()).hasSize(1);
  }

  @Test
  void aLaterPutOfAnIdentifierComparesWithAnEarlierOneOfTheList() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "stored").build());

    assertThat(
            store.tryPutEach(
                List.of(
                    put(CUSTOMERS, customer("c-1", "102").set("name", "newest").build()),
                    put(CUSTOMERS, customer("c-1", "101").set("name", "older").build()),
                    put(CUSTOMERS, customer("c-2", "5").set("name", "first").build()),
                    put(CUSTOMERS, customer("c-2", "6").set("name", "second").build()),
                    put(CUSTOMERS, customer("c-1", "99").set("name", "oldest").build()))))
        .extracting(PutOutcome::kind)
        .containsOnly(PutOutcome.Kind.WRITTEN);

    assertThat(nameOf("c-1")).hasValue("newest");
    assertThat(nameOf("c-2")).hasValue("second");
  }

  @Test
  @Timeout(60) // waiting for the lock, as a blocking write would, hangs rather than fails
  void leavesOutThePutsWhoseIdentifierAnotherWriterHolds() throws Exception {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "old").build());
    byte[] key = OnlineStore.key(store.describeFeatureGroup(CUSTOMERS).id(), "c-1");
    ReentrantLock lock = ((RocksQuiverStore) store).online().lockFor(key);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              lock.lock();
              try {
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                lock.unlock();
              }
            });
    holder.start();
    held.await();
    List<PutOutcome> outcomes;
    try {
      outcomes =
          store.tryPutEach(
              List.of(
                  put(CUSTOMERS, customer("c-1", "101").set("name", "new").build()),
                  put(ORDERS, order("8", "2026-01-01T00:00:00Z").build())));
      assertThat(nameOf("c-1")).hasValue("old");
    } finally {
      release.countDown();
      holder.join();
    }

    assertThat(outcomes)
        .extracting(PutOutcome::kind)
        .containsExactly(PutOutcome.Kind.WOULD_WAIT, PutOutcome.Kind.WRITTEN);
    assertThat(store.getRecord(ORDERS, "8")).isPresent();
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  void declinesEveryPutWhenEveryWriteWaitsForAnFsync() {
    store.close();
    store = QuiverStore.open(StoreConfig.builder(dir).syncWrites(true).build());

    assertThat(store.tryPutEach(List.of(put(CUSTOMERS, customer("c-9", "1").build()))))
        .extracting(PutOutcome::kind)
        .containsExactly(PutOutcome.Kind.WOULD_WAIT);
    assertThat(store.getRecord(CUSTOMERS, "c-9")).isEmpty();
  }

  /**
   * Writers committing groups of puts of the same identifiers at once, putting with waiting what a
   * group left out, as the server does: every identifier ends with its latest event time, and the
   * offline store has every acknowledged put once.
   */
  @Test
  @Timeout(120)
  void concurrentGroupsOfTheSameIdentifiersEndWithTheLatestEventTime() throws Exception {
    int writers = 4;
    int groupsPerWriter = 200;
    int identifiers = 8;
    store.createFeatureGroup(
        TestGroups.customers("both").offlineStore(OfflineStoreConfig.storeDefault()).build());
    Map<String, Long> latest = new ConcurrentHashMap<>();
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Integer>> acknowledged = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        acknowledged.add(
            pool.submit(
                () -> {
                  start.await();
                  int written = 0;
                  for (int g = 0; g < groupsPerWriter; g++) {
                    List<RecordPut> puts = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                      long eventTime = 1_000L + (g * 5L + i) * writers + writer;
                      String id = "c-" + ((g + i + writer) % identifiers);
                      puts.add(
                          put(
                              "both",
                              customer(id, Long.toString(eventTime))
                                  .set("name", Long.toString(eventTime))
                                  .build()));
                      latest.merge(id, eventTime, Math::max);
                    }
                    List<PutOutcome> outcomes = store.tryPutEach(puts);
                    for (int i = 0; i < puts.size(); i++) {
                      PutOutcome outcome = outcomes.get(i);
                      if (outcome.kind() == PutOutcome.Kind.WOULD_WAIT) {
                        store.putRecord("both", puts.get(i).record());
                      } else {
                        assertThat(outcome.kind()).isEqualTo(PutOutcome.Kind.WRITTEN);
                      }
                      written++;
                    }
                  }
                  return written;
                }));
      }
      int total = 0;
      for (Future<Integer> count : acknowledged) {
        total += count.get();
      }
      assertThat(total).isEqualTo(writers * groupsPerWriter * 5);
      for (Map.Entry<String, Long> entry : latest.entrySet()) {
        assertThat(store.getRecord("both", entry.getKey()).map(r -> r.record().getString("name")))
            .as(entry.getKey())
            .hasValue(Long.toString(entry.getValue()));
      }
      assertThat(store.offlineSnapshot("both").stagedRecords()).hasSize(total);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Puts applied in order of event time (so that slightly out-of-order ones need not read what they
   * replace) end as the same puts made one by one in the list's order: the same records online, the
   * same history staged, the same answers in the list's order. Reference: a second store taking
   * each put alone.
   */
  @Test
  void putsOutOfEventTimeOrderEndAsTheSamePutsOneByOne(@TempDir Path referenceDir) {
    String both = "both";
    store.createFeatureGroup(
        TestGroups.customers(both).offlineStore(OfflineStoreConfig.storeDefault()).build());
    Random random = new Random(18);
    try (QuiverStore reference = QuiverStore.open(referenceDir)) {
      TestGroups.createCustomersOrdersAndHistory(reference, HISTORY);
      reference.createFeatureGroup(
          TestGroups.customers(both).offlineStore(OfflineStoreConfig.storeDefault()).build());
      for (int round = 0; round < 60; round++) {
        List<RecordPut> puts = new ArrayList<>();
        int size = 1 + random.nextInt(40);
        for (int i = 0; i < size; i++) {
          String group = random.nextBoolean() ? CUSTOMERS : both;
          String id = "c-" + random.nextInt(5);
          // Rounds overlap in event time, and a round holds ties: older, newer and equal puts.
          String eventTime = Integer.toString(1_000 + round * 4 + random.nextInt(12));
          Record record =
              random.nextInt(12) == 0
                  ? customer(id, "soon").build()
                  : customer(id, eventTime).set("name", round + "/" + i).build();
          // Every third round, some with a time to live from their event time, expired on
          // arrival: an expired record is replaced by any put, so order matters for them.
          RecordWriteOptions options =
              round % 3 == 0 && random.nextInt(4) == 0
                  ? RecordWriteOptions.withTtl(TtlDuration.of(1, TtlUnit.MINUTES))
                  : RecordWriteOptions.defaults();
          puts.add(new RecordPut(group, record, options));
        }
        List<PutOutcome.Kind> expected = new ArrayList<>();
        for (RecordPut put : puts) {
          try {
            reference.putRecord(put.featureGroup(), put.record(), put.options());
            expected.add(PutOutcome.Kind.WRITTEN);
          } catch (QuiverException e) {
            expected.add(PutOutcome.Kind.REFUSED);
          }
        }
        assertThat(store.tryPutEach(puts))
            .extracting(PutOutcome::kind)
            .as("round %d", round)
            .containsExactlyElementsOf(expected);
        for (String group : List.of(CUSTOMERS, both)) {
          for (int id = 0; id < 5; id++) {
            assertThat(namesOf(store, group, "c-" + id))
                .as("round %d, %s c-%d", round, group, id)
                .isEqualTo(namesOf(reference, group, "c-" + id));
          }
        }
      }
      assertThat(staged(store, both)).isEqualTo(staged(reference, both)).isNotEmpty();
    }
  }

  private static Optional<String> namesOf(QuiverStore store, String group, String id) {
    return store.getRecord(group, id).map(r -> r.record().getString("name"));
  }

  private static List<String> staged(QuiverStore store, String group) {
    List<String> names = new ArrayList<>();
    for (StoredRecord record : store.offlineSnapshot(group).stagedRecords()) {
      names.add(record.record().getString("name"));
    }
    Collections.sort(names);
    return names;
  }

  private static RecordPut put(String group, Record record) {
    return new RecordPut(group, record, RecordWriteOptions.defaults());
  }

  private static String refusalOf(Runnable put) {
    try {
      put.run();
    } catch (QuiverException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a refusal");
  }

  private Optional<String> nameOf(String id) {
    return store.getRecord(CUSTOMERS, id).map(r -> r.record().getString("name"));
  }
}
