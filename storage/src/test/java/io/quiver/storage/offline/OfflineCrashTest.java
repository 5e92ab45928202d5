package io.quiver.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.ChildJvm;
import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN promise 1 under {@code kill -9}: a child JVM ({@link CrashWriterMain}) writes from several
 * threads and is killed (SIGKILL) at random moments, round after round on one data directory. After
 * each kill the store is reopened and flushed: every acknowledged record is online (if newest) and
 * in the offline store exactly once, and no record at all is in it twice.
 *
 * <p>CI runs {@value #ROUNDS_DEFAULT} rounds per backend (about a minute in all). Longer: {@code
 * mvn -pl storage -am verify -Dtest=OfflineCrashTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dquiver.crash.rounds=200 -Dquiver.crash.seed=7}.
 */
class OfflineCrashTest {
  static final int ROUNDS_DEFAULT = 7;
  static final int THREADS = 4;

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void everyAcknowledgedRecordSurvivesKillNineOnlineAndOfflineExactlyOnce(OfflineBackend backend)
      throws Exception {
    int rounds = Integer.getInteger("quiver.crash.rounds", ROUNDS_DEFAULT);
    long seed = Long.getLong("quiver.crash.seed", 20240305L);
    Random random = new Random(seed);
    Path dataDir = tmp.resolve("data");
    String baseUri = backend.newBaseUri(tmp);
    String endpoint =
        backend == OfflineBackend.S3 ? S3ProxyServer.get().endpoint().toString() : "-";
    StoreConfig config = CrashWriterMain.config(dataDir, baseUri, endpoint);
    Map<String, Ack> acked = new HashMap<>();
    Map<String, BigDecimal> newestAcked = new HashMap<>();
    for (int round = 0; round < rounds; round++) {
      // Kill right after start now and then (recovery of a flush interrupted by the last kill),
      // else after a random number of acknowledged writes (usually in the middle of a flush).
      int killAfter = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(3_000);
      List<Ack> acks = runAndKill(dataDir, baseUri, endpoint, round, random.nextLong(), killAfter);
      for (Ack ack : acks) {
        acked.put(ack.writeId(), ack);
        newestAcked.merge(ack.recordId(), ack.eventTime(), BigDecimal::max);
      }
      try (QuiverStore store = QuiverStore.open(config)) {
        store.flush();
        assertThat(store.offlineSnapshot(CrashWriterMain.GROUP).stagedRecords()).isEmpty();
        for (Map.Entry<String, BigDecimal> newest : newestAcked.entrySet()) {
          Optional<OnlineRecord> online = store.getRecord(CrashWriterMain.GROUP, newest.getKey());
          assertThat(online)
              .as("online record %s after round %d", newest.getKey(), round)
              .isPresent();
          assertThat(new BigDecimal(online.get().record().getString("ts")))
              .as("online event time of %s after round %d", newest.getKey(), round)
              .isGreaterThanOrEqualTo(newest.getValue());
        }
        String table = DuckDb.table(backend.dataFolder(store, CrashWriterMain.GROUP, tmp));
        assertThat(
                DuckDb.query(
                    "SELECT writer, count(*) FROM "
                        + table
                        + " GROUP BY writer HAVING count(*) > 1"))
            .as("records written twice after round %d", round)
            .isEmpty();
        Set<Object> offline = new HashSet<>();
        DuckDb.query("SELECT writer FROM " + table).forEach(row -> offline.add(row.get(0)));
        assertThat(offline).as("offline store after round %d", round).containsAll(acked.keySet());
      }
    }
    assertThat(acked).as("acknowledged writes over all rounds").isNotEmpty();
  }

  /** One acknowledged write. */
  record Ack(String writeId, String recordId, BigDecimal eventTime) {}

  private List<Ack> runAndKill(
      Path dataDir, String baseUri, String endpoint, int round, long seed, int killAfter)
      throws IOException, InterruptedException {
    try (ChildJvm child =
        ChildJvm.start(
            CrashWriterMain.class,
            tmp.resolve("child-" + round + ".err"),
            dataDir.toString(),
            baseUri,
            endpoint,
            Integer.toString(THREADS),
            Integer.toString(round),
            Long.toString(seed))) {
      List<Ack> acks = new ArrayList<>();
      boolean ready = false;
      while (!ready || acks.size() < killAfter) {
        String line = child.nextLine();
        assertThat(line).as("child output (stderr in %s)", child.errors()).isNotNull();
        if (line.equals("READY")) {
          ready = true;
        } else {
          parse(line, acks);
        }
      }
      for (String line : child.kill()) {
        parse(line, acks); // acknowledged before the kill landed
      }
      return acks;
    }
  }

  private static void parse(String line, List<Ack> acks) {
    String[] parts = line.split(" ");
    // A line cut by the kill lacks its END marker and is not an acknowledgement.
    if (parts.length == 5 && parts[0].equals("ACK") && parts[4].equals("END")) {
      acks.add(new Ack(parts[1], parts[2], new BigDecimal(parts[3])));
    }
  }
}
