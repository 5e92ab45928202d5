package io.quiver.server.cli;

import io.quiver.server.QuiverServer;
import io.quiver.server.config.ServerConfig;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The workload the build runs once, with {@code -XX:DumpLoadedClassList}, to record which classes
 * the short commands load: {@code quiver import} of a small CSV file, {@code quiver sql}'s
 * point-in-time join over a small data directory, then the same query over Flight SQL. The archive
 * lets later runs map those classes from one file instead of reading, parsing and verifying them
 * from the jar (the launcher {@code bin/quiver} passes it to the JVM).
 */
final class StartupTraining {
  private StartupTraining() {}

  /**
   * The longest the workload may run: the class list then holds the classes loaded so far. A slow
   * or failed run costs start-up speed only, never the build, so it is bounded and always exits 0.
   */
  private static final Duration LIMIT = Duration.ofMinutes(3);

  /** Runs the workload in a temporary folder, which it deletes, then exits. */
  public static void main(String[] args) throws InterruptedException {
    Thread workload = new Thread(StartupTraining::trainInTemporaryFolder, "startup-training");
    workload.setDaemon(true);
    workload.start();
    workload.join(LIMIT.toMillis());
    if (workload.isAlive()) {
      System.err.println(
          "quiver: start-up training stopped after "
              + LIMIT.toMinutes()
              + " minutes; the class-data-sharing archive holds the classes loaded until then");
    }
    System.exit(0);
  }

  private static void trainInTemporaryFolder() {
    try {
      Path dir = Files.createTempDirectory("quiver-cds-training");
      try {
        train(dir);
      } finally {
        try (Stream<Path> paths = Files.walk(dir)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "quiver: start-up training failed ("
              + e.getMessage()
              + "); bin/quiver still runs, with a smaller class-data-sharing archive");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void train(Path dir) throws IOException, InterruptedException {
    Path csv = dir.resolve("training.csv");
    StringBuilder rows = new StringBuilder("id,ts,v,n,label\n");
    for (int i = 0; i < 100; i++) {
      rows.append("id")
          .append(i % 20)
          .append(',')
          .append(1_700_000_000 + 60 * i)
          .append(".0,")
          .append(i / 4.0)
          .append(',')
          .append(i)
          .append(i % 3 == 0 ? ",yes\n" : ",no\n");
    }
    Files.writeString(csv, rows);
    Path imported = dir.resolve("imported");
    int imports =
        run(
            "import",
            "--data-dir",
            imported.toString(),
            "--feature-group",
            "imported",
            "--source",
            csv.toString(),
            "--create",
            "--record-identifier",
            "id",
            "--event-time",
            "ts");
    if (imports != 0) {
      System.err.println(
          "quiver: start-up training's import failed (exit code "
              + imports
              + "); the class-data-sharing archive leaves out what an import loads");
    }
    try (QuiverStore store =
        QuiverStore.open(StoreConfig.builder(dir).ttlSweepInterval(Duration.ZERO).build())) {
      for (String group : new String[] {"entities", "features"}) {
        store.createFeatureGroup(
            FeatureGroupSpec.builder(group)
                .recordIdentifier("id")
                .eventTime("ts")
                .feature("id", FeatureType.STRING)
                .feature("ts", FeatureType.FRACTIONAL)
                .feature("v", FeatureType.FRACTIONAL)
                .feature("n", FeatureType.INTEGRAL)
                .offlineStore(OfflineStoreConfig.storeDefault())
                .build());
        for (int i = 0; i < 200; i++) {
          store.putRecord(
              group,
              Record.builder()
                  .set("id", "id" + (i % 20))
                  .set("ts", 1_700_000_000.0 + 60.0 * i)
                  .set("v", i / 2.0)
                  .set("n", (long) i)
                  .build());
        }
      }
      store.flush();
    }
    String join =
        "SELECT count(*) AS n, count(f.v) AS matched, sum(f.v) AS total FROM entities AS e"
            + " LEFT ASOF JOIN features AS f MATCH_CONDITION f.event_timestamp <= e.event_timestamp"
            + " ON e.id = f.id";
    String scan = "SELECT id, n, event_timestamp FROM features WHERE n < 10 ORDER BY id";
    for (String query : new String[] {join, scan, "SELECT nope FROM features"}) {
      run("sql", "--data-dir", dir.toString(), query);
    }
    try (QuiverStore store = QuiverStore.open(dir);
        QuiverServer server =
            QuiverServer.start(
                store, ServerConfig.builder().httpPort(0).grpcPort(-1).flightSqlPort(0).build())) {
      for (String query : new String[] {join, scan, "SELECT nope FROM features"}) {
        for (String format : new String[] {"csv", "table", "json"}) {
          run(
              "sql",
              "--endpoint",
              "grpc://127.0.0.1:" + server.flightSqlPort(),
              "--format",
              format,
              query);
        }
      }
    }
  }

  /** Runs one command with its output discarded; returns its exit code. */
  private static int run(String... args) {
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(new StringWriter()));
    line.setErr(new PrintWriter(new StringWriter()));
    return line.execute(args);
  }
}
