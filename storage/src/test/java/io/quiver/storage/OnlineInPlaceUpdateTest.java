package io.quiver.storage;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

/**
 * The online family updates a record in place when its new value is no longer than the one in the
 * memtable (RocksDB's {@code inplace_update_support}): the rewrites of a hot identifier do not fill
 * the memtable, and no reader ever sees a value half overwritten.
 *
 * <p>Every record written here carries its own check: {@code orders} repeats the event time and
 * {@code name} is spelled from both it and the writer ({@code score}), all at fixed widths so that
 * every record of an identifier has the same size and is rewritten in place. A value read while it
 * was being overwritten would mix two records' bytes and break the check, or fail to decode.
 */
class OnlineInPlaceUpdateTest {
  private static final long EPOCH_SECOND = 1_700_000_000L;
  private static final int WRITERS = 4;
  private static final int PUTS_PER_WRITER = 12_000;
  private static final int IDENTIFIERS = 8;
  private static final TtlDuration TTL = TtlDuration.of(5, TtlUnit.SECONDS);

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atEpochSecond(EPOCH_SECOND);
  private RocksQuiverStore store;
  private ExecutorService pool;

  @BeforeEach
  void open() {
    store =
        (RocksQuiverStore)
            QuiverStore.open(
                StoreConfig.builder(dir)
                    .clock(clock)
                    .ttlSweepInterval(java.time.Duration.ZERO)
                    .build());
    store.createFeatureGroup(TestGroups.customers());
    pool = Executors.newFixedThreadPool(WRITERS + 3);
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    store.close();
  }

  @Test
  void rewritesOfTheSameSizeDoNotAddMemtableEntries() throws RocksDBException {
    long before = onlineMemtableEntries();
    for (long t = 1; t <= 1_000; t++) {
      store.putRecord(CUSTOMERS, record(id(0), t, 1));
    }
    // The first write adds the identifier's entry; the 999 that follow rewrite it.
    assertThat(onlineMemtableEntries() - before).isEqualTo(1);
    assertThat(check(store.getRecord(CUSTOMERS, id(0)).orElseThrow().record())).isEqualTo(1_000);
  }

  @Test
  void aLongerRecordIsAddedAsANewEntryAndReadWhole() throws RocksDBException {
    store.putRecord(CUSTOMERS, record(id(0), 1, 1));
    long before = onlineMemtableEntries();
    Record longer = builder(id(0), 2, 1).set("bio", "longer").build();
    store.putRecord(CUSTOMERS, longer);
    assertThat(onlineMemtableEntries() - before).isEqualTo(1);
    assertThat(store.getRecord(CUSTOMERS, id(0)).orElseThrow().record()).isEqualTo(longer);

    store.putRecord(CUSTOMERS, record(id(0), 3, 2)); // shorter again: rewritten in place
    assertThat(onlineMemtableEntries() - before).isEqualTo(1);
    assertThat(check(store.getRecord(CUSTOMERS, id(0)).orElseThrow().record())).isEqualTo(3);
  }

  /**
   * Writers rewrite a few identifiers (half of them with a TTL) while readers get them one by one
   * and in batches and a sweeper removes the expired ones (reading each under its lock), with the
   * clock moving so that records do expire between rewrites.
   */
  @Test
  void readersAndTheSweepSeeOnlyWholeRecordsWhileWritersRewriteThemInPlace() throws Exception {
    AtomicLong eventTimes = new AtomicLong();
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Future<Long>> writers = new ArrayList<>();
    for (int w = 1; w <= WRITERS; w++) {
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                Random random = new Random(writer);
                for (int i = 0; i < PUTS_PER_WRITER; i++) {
                  long t = eventTimes.incrementAndGet();
                  int identifier = random.nextInt(IDENTIFIERS);
                  RecordWriteOptions options =
                      identifier % 2 == 0
                          ? RecordWriteOptions.withTtl(TTL)
                          : RecordWriteOptions.defaults();
                  store.putRecord(CUSTOMERS, record(id(identifier), t, writer), options);
                }
                return (long) PUTS_PER_WRITER;
              }));
    }
    Callable<Long> getter =
        () -> {
          Random random = new Random(-1);
          long reads = 0;
          while (writing.get()) {
            Optional<OnlineRecord> found =
                store.getRecord(CUSTOMERS, id(random.nextInt(IDENTIFIERS)));
            if (found.isPresent()) {
              check(found.get().record());
              reads++;
            }
          }
          return reads;
        };
    Callable<Long> batchGetter =
        () -> {
          List<String> all = new ArrayList<>();
          for (int i = 0; i < IDENTIFIERS; i++) {
            all.add(id(i));
          }
          long reads = 0;
          while (writing.get()) {
            BatchGetResult result =
                store.batchGetRecord(List.of(new BatchGetRequest(CUSTOMERS, all, null)));
            assertThat(result.errors()).isEmpty();
            for (BatchGetResult.Found found : result.records()) {
              check(found.record());
              reads++;
            }
          }
          return reads;
        };
    Callable<Long> sweeper =
        () -> {
          long removed = 0;
          while (writing.get()) {
            // A record expires 5 s of event time after it was written: about 8 puts later here.
            clock.set(Instant.ofEpochSecond(EPOCH_SECOND + eventTimes.get() - 3));
            removed += store.expireRecords();
          }
          return removed;
        };
    List<Future<Long>> readers =
        List.of(pool.submit(getter), pool.submit(batchGetter), pool.submit(sweeper));
    long before = onlineMemtableEntries();
    try {
      for (Future<Long> writer : writers) {
        writer.get();
      }
    } finally {
      writing.set(false);
    }
    List<Long> counts = new ArrayList<>();
    for (Future<Long> reader : readers) {
      counts.add(reader.get()); // rethrows a reader's failed check
    }

    assertThat(counts.get(0)).as("single reads").isPositive();
    assertThat(counts.get(1)).as("batch reads").isPositive();
    assertThat(counts.get(2)).as("records the sweep removed").isPositive();
    // Most rewrites were in place: an expired record's removal and the next write after it add
    // entries, the rest do not.
    assertThat(onlineMemtableEntries() - before).isLessThan(WRITERS * PUTS_PER_WRITER / 2);
    for (int i = 0; i < IDENTIFIERS; i++) {
      store.getRecord(CUSTOMERS, id(i)).ifPresent(r -> check(r.record()));
    }
  }

  /**
   * RocksDB's own reads under in-place updates, at the widest window: a 4,000-byte value all of one
   * byte, rewritten as fast as one thread can while others read it through {@link OnlineStore#get}
   * and {@link OnlineStore#multiGet}. Reading it through an iterator instead (which takes no lock)
   * sees a few percent of the values half rewritten on a two-core machine.
   */
  @Test
  void getsNeverSeeAValueHalfRewritten() throws Exception {
    try (RocksDatabase database =
        RocksDatabase.open(StoreConfig.builder(dir.resolve("raw")).build())) {
      OnlineStore online = new OnlineStore(database.db, database.online, database.catalog);
      byte[] key = OnlineStore.key(1, "hot");
      database.db.put(database.online, key, new byte[4_000]);
      AtomicBoolean writing = new AtomicBoolean(true);
      Future<?> writer =
          pool.submit(
              () -> {
                byte[] value = new byte[4_000];
                try {
                  for (int i = 0; i < 30_000; i++) {
                    Arrays.fill(value, (byte) i);
                    database.db.put(database.online, key, value);
                  }
                } finally {
                  writing.set(false);
                }
                return null;
              });
      Callable<Long> getter =
          () -> {
            long reads = 0;
            while (writing.get()) {
              assertUniform(online.get(key));
              assertUniform(online.multiGet(List.of(key, key)).get(1));
              reads++;
            }
            return reads;
          };
      Future<Long> first = pool.submit(getter);
      Future<Long> second = pool.submit(getter);
      writer.get();
      assertThat(first.get() + second.get()).isPositive();
      assertThat(
              database.db.getLongProperty(database.online, "rocksdb.num-entries-active-mem-table"))
          .as("in place: one entry")
          .isEqualTo(1);
    }
  }

  private static void assertUniform(byte @Nullable [] value) {
    assertThat(value).hasSize(4_000);
    for (int i = 1; i < value.length; i++) {
      if (value[i] != value[0]) {
        throw new AssertionError(
            "a value read half rewritten: byte 0 is " + value[0] + ", byte " + i + " " + value[i]);
      }
    }
  }

  private long onlineMemtableEntries() throws RocksDBException {
    RocksDatabase database = store.database();
    return database.db.getLongProperty(database.online, "rocksdb.num-entries-active-mem-table");
  }

  private static String id(int identifier) {
    return "c" + identifier;
  }

  /** A record of fixed size that spells its event time {@code t} and its writer three ways. */
  private static Record record(String id, long t, int writer) {
    return builder(id, t, writer).build();
  }

  private static Record.Builder builder(String id, long t, int writer) {
    return customer(id, Long.toString(EPOCH_SECOND + t))
        .set("orders", 1_000_000_000L + t)
        .set("score", (double) writer)
        .set("name", name(t, writer));
  }

  private static String name(long t, int writer) {
    String unit = String.format(java.util.Locale.ROOT, "%09d-%d;", t, writer);
    return unit.repeat(6);
  }

  /** Checks that {@code record} is whole, as {@link #record} wrote it; returns its {@code t}. */
  private static long check(Record record) {
    long t = Long.parseLong(record.getString("event_time")) - EPOCH_SECOND;
    assertThat(record.getLong("orders")).as("orders of %s", record).isEqualTo(1_000_000_000L + t);
    int writer = (int) record.getDouble("score");
    assertThat(record.getString("name")).as("name of %s", record).isEqualTo(name(t, writer));
    return t;
  }
}
