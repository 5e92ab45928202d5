package io.quiver.storage.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.ChildJvm;
import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.offline.DuckDb;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk load killed with {@code kill -9} at a random moment (issue 18): once the store is open
 * again, the group holds either nothing of the load or all of it, online and offline, every row
 * once and every file whole. A child JVM ({@link BulkCrashMain}) loads and is killed after a random
 * number of its progress lines, round after round on one data directory.
 *
 * <p>CI runs {@value #ROUNDS_DEFAULT} rounds; longer: {@code -Dquiver.crash.rounds=40}.
 */
class BulkLoadCrashTest {
  static final int ROUNDS_DEFAULT = 6;
  static final int ROWS = 6_000;
  static final int IDS = 500;

  @TempDir Path tmp;

  /** The rows the child loads: over 150 hours, so the commit writes about as many files. */
  static List<@Nullable String[]> rows(long seed) {
    return BulkRows.random(seed, ROWS, IDS, 150);
  }

  @Test
  void anInterruptedBulkLoadLeavesNothingOrEverything() throws Exception {
    int rounds = Integer.getInteger("quiver.crash.rounds", ROUNDS_DEFAULT);
    Random random = new Random(Long.getLong("quiver.crash.seed", 20241201L));
    Path dataDir = tmp.resolve("data");
    int complete = 0;
    int empty = 0;
    int killedInCommit = 0;
    for (int round = 0; round < rounds; round++) {
      String group = "g" + round;
      Path offline = tmp.resolve("offline-" + round);
      long seed = random.nextLong();
      // Most kills land during the commit (a line per file written); some before, some never.
      int killAfter = random.nextInt(4) == 0 ? random.nextInt(12) : 10 + random.nextInt(160);
      String last = runAndKill(dataDir, offline, group, seed, killAfter, round);
      if (last == null) {
        continue;
      }
      if (last.startsWith("STEP ")) {
        killedInCommit++;
      }
      // What a reader saw of the load before the store was opened again: the files of a load
      // whose manifest is still there are hidden, so a load taken back at open was never seen.
      int filesSeenBefore;
      try (ReadOnlyStore reader = ReadOnlyStore.open(BulkCrashMain.config(dataDir))) {
        filesSeenBefore = reader.snapshot(group).files().size();
      }
      try (QuiverStore store = QuiverStore.open(BulkCrashMain.config(dataDir))) {
        boolean anyOnline = false;
        boolean allOnline = true;
        Map<String, String> expected = winners(rows(seed));
        for (Map.Entry<String, String> winner : expected.entrySet()) {
          Optional<OnlineRecord> online = store.getRecord(group, winner.getKey());
          anyOnline |= online.isPresent();
          allOnline &=
              online.map(r -> r.record().getString("row")).equals(Optional.of(winner.getValue()));
        }
        int files = store.listOfflineFiles(group).size();
        if (!anyOnline && files == 0) {
          assertThat(filesSeenBefore)
              .as("files seen of a load taken back, round %d", round)
              .isZero();
          empty++;
          continue;
        }
        assertThat(filesSeenBefore)
            .as("files seen before the open, round %d", round)
            .isIn(0, files);
        assertThat(allOnline).as("every winner online after round %d", round).isTrue();
        List<List<Object>> counts =
            DuckDb.query("SELECT count(*), count(DISTINCT row) FROM " + DuckDb.table(offline));
        assertThat(counts.get(0))
            .as("offline rows, distinct rows after round %d", round)
            .containsExactly((long) ROWS, (long) ROWS);
        // The group's event-time lease covers what was loaded: a put as old as a loaded record
        // compares with it and leaves it online.
        for (Map.Entry<String, String> time : winnerTimes(rows(seed)).entrySet()) {
          store.putRecord(
              group,
              BulkRows.record(
                  BulkRows.COLUMNS,
                  new String[] {time.getKey(), time.getValue(), "1", "0", "", "-1"}));
          assertThat(store.getRecord(group, time.getKey()).orElseThrow().record().getString("row"))
              .as("record %s after a put as old, round %d", time.getKey(), round)
              .isEqualTo(expected.get(time.getKey()));
        }
        complete++;
      }
    }
    assertThat(complete + empty).as("rounds that reached the group").isPositive();
    assertThat(killedInCommit).as("rounds killed while committing").isPositive();
  }

  /** Per identifier, the row number PutRecords would leave online. */
  private static Map<String, String> winners(List<@Nullable String[]> rows) {
    return winning(rows, 5);
  }

  /** Per identifier, the event time (as written) of the row PutRecords would leave online. */
  private static Map<String, String> winnerTimes(List<@Nullable String[]> rows) {
    return winning(rows, 1);
  }

  /** Per identifier, column {@code column} of the row PutRecords would leave online. */
  private static Map<String, String> winning(List<@Nullable String[]> rows, int column) {
    Map<String, BigDecimal> times = new HashMap<>();
    Map<String, String> winners = new HashMap<>();
    for (String[] row : rows) {
      BigDecimal time = new BigDecimal(row[1]);
      BigDecimal best = times.get(row[0]);
      if (best == null || time.compareTo(best) > 0) {
        times.put(row[0], time);
        winners.put(row[0], row[column]);
      }
    }
    return winners;
  }

  /**
   * Runs the child until {@code killAfter} lines of output; the last line read, or {@code null} if
   * the child did not create the group.
   */
  private @Nullable String runAndKill(
      Path dataDir, Path offline, String group, long seed, int killAfter, int round)
      throws IOException, InterruptedException {
    boolean created = false;
    String last = null;
    try (ChildJvm child =
        ChildJvm.start(
            BulkCrashMain.class,
            tmp.resolve("child-" + round + ".err"),
            dataDir.toString(),
            offline.toString(),
            group,
            Long.toString(seed))) {
      int lines = 0;
      for (String line = child.nextLine(); line != null; line = child.nextLine()) {
        created |= line.equals("CREATED");
        last = line;
        if (++lines >= killAfter) {
          break;
        }
      }
    } // SIGKILL, or nothing if the child already exited
    return created ? last : null;
  }
}
