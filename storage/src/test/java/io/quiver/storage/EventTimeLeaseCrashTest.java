package io.quiver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.record.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event-time lease under {@code kill -9} (issue 18): a child JVM ({@link LeaseCrashWriterMain})
 * writes records whose event times grow past the group's lease again and again and then go back,
 * and is killed at a random moment, round after round on one data directory. After each kill the
 * store is reopened: every acknowledged record is online unless a newer one replaced it, the
 * group's bound (loaded from its lease) covers every stored record, and no put older than a
 * surviving record, or as old, replaces it.
 *
 * <p>Longer: {@code mvn -pl storage -am verify -Dtest=EventTimeLeaseCrashTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dquiver.crash.rounds=100}.
 */
class EventTimeLeaseCrashTest {
  private static final int ROUNDS_DEFAULT = 6;

  @TempDir Path tmp;

  @Test
  void noOlderPutReplacesARecordThatSurvivedKillNine() throws Exception {
    int rounds = Integer.getInteger("quiver.crash.rounds", ROUNDS_DEFAULT);
    Random random = new Random(Long.getLong("quiver.crash.seed", 18L));
    Path dataDir = tmp.resolve("data");
    Map<String, Long> newestAcked = new HashMap<>();
    long nextEventTime = 1_700_000_000L;
    int leaseChecks = 0;
    for (int round = 0; round < rounds; round++) {
      int killAfter = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(600);
      int growing = random.nextInt(400);
      runAndKill(dataDir, round, random.nextLong(), nextEventTime, growing, killAfter, newestAcked);
      try (QuiverStore store = QuiverStore.open(dataDir)) {
        Map<String, Long> stored = new HashMap<>();
        for (int i = 0; i < LeaseCrashWriterMain.IDS; i++) {
          String id = "c-" + i;
          eventTimeOf(store, id).ifPresent(time -> stored.put(id, time));
        }
        newestAcked.forEach(
            (id, time) ->
                assertThat(stored.get(id))
                    .as("event time of %s, acknowledged at %d", id, time)
                    .isNotNull()
                    .isGreaterThanOrEqualTo(time));
        if (stored.isEmpty()) {
          continue;
        }
        long newest = stored.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long groupId = store.describeFeatureGroup(TestGroups.CUSTOMERS).id();
        long bound = ((RocksQuiverStore) store).online().eventTimeBound(groupId);
        assertThat(bound)
            .as("bound loaded from the lease after round %d", round)
            .isNotEqualTo(Long.MAX_VALUE)
            .isGreaterThanOrEqualTo(newest * 1_000_000);
        leaseChecks++;
        for (Map.Entry<String, Long> entry : stored.entrySet()) {
          String id = entry.getKey();
          long time = entry.getValue();
          String name =
              store.getRecord(TestGroups.CUSTOMERS, id).orElseThrow().record().getString("name");
          for (long older : new long[] {time - 1, time}) {
            store.putRecord(
                TestGroups.CUSTOMERS,
                TestGroups.customer(id, Long.toString(older)).set("name", "older").build());
          }
          assertThat(store.getRecord(TestGroups.CUSTOMERS, id).orElseThrow().record())
              .as("record %s (event time %d) after older puts, round %d", id, time, round)
              .extracting(r -> r.getString("name"))
              .isEqualTo(name);
        }
        nextEventTime = Math.max(nextEventTime, newest + 1);
      }
    }
    assertThat(leaseChecks).as("rounds that left records").isGreaterThan(rounds / 2);
  }

  private static Optional<Long> eventTimeOf(QuiverStore store, String id) {
    return store
        .getRecord(TestGroups.CUSTOMERS, id)
        .map(r -> r.record())
        .map((Record r) -> Long.parseLong(r.getString("event_time")));
  }

  private void runAndKill(
      Path dataDir,
      int round,
      long seed,
      long firstEventTime,
      int growing,
      int killAfter,
      Map<String, Long> newestAcked)
      throws IOException, InterruptedException {
    try (ChildJvm child =
        ChildJvm.start(
            LeaseCrashWriterMain.class,
            tmp.resolve("child-" + round + ".err"),
            dataDir.toString(),
            Long.toString(seed),
            Long.toString(firstEventTime),
            Integer.toString(growing))) {
      boolean ready = false;
      int acks = 0;
      while (!ready || acks < killAfter) {
        String line = child.nextLine();
        assertThat(line).as("child output (stderr in %s)", child.errors()).isNotNull();
        if (line.equals("READY")) {
          ready = true;
        } else if (parse(line, newestAcked)) {
          acks++;
        }
      }
      for (String line : child.kill()) {
        parse(line, newestAcked); // acknowledged before the kill landed
      }
    }
  }

  private static boolean parse(String line, Map<String, Long> newestAcked) {
    String[] parts = line.split(" ");
    // A line cut by the kill lacks its END marker and is not an acknowledgement.
    if (parts.length == 4 && parts[0].equals("ACK") && parts[3].equals("END")) {
      newestAcked.merge(parts[1], Long.parseLong(parts[2]), Math::max);
      return true;
    }
    return false;
  }
}
