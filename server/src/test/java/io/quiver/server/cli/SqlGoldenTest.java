package io.quiver.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.ServerFixture;
import io.quiver.storage.DeletionMode;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden SQL: each {@code sql-golden/*.sql} file holds cases of a query, a line {@code ----} and
 * the expected {@code quiver sql --format csv} output, cases separated by blank lines ({@code #}
 * lines before a query are comments). Every case runs through {@code --data-dir} and through {@code
 * --endpoint} (Flight SQL) on one fixed history, written with a clock the test sets, so write and
 * invocation times are part of the answers.
 *
 * <p>The history (event times on 2024-01-01, UTC): {@code drivers} d1 at 00:10 (trips 1), 01:20
 * (5), 03:00 (9) and a soft delete at 03:30; d2 at 00:30 (2), 02:45 (4, corrected to 6 by a later
 * write of the same event time); d3 at 02:00 (7) and 03:15 (8, still staged). {@code events}: e1
 * (d1, 01:00), e2 (d1, 01:20), e3 (d2, 00:15), e4 (d2, 03:00), e5 (d4, 02:00), e6 (d3, 03:30), e7
 * (d1, 04:00). {@code profiles} (a List of strings {@code tags}, a Set of integers {@code scores},
 * a 3-vector {@code embedding}): d1 at 00:05 and 01:00, d2 at 00:10 and 02:50 (staged), d3 at 00:20
 * without tags or scores. Writes: the first rows at 2024-02-01 00:00, flushed at 01:00; the
 * correction and the delete at 2024-03-01 00:00, flushed at 01:00; d3's 03:15 row at 2024-04-01
 * 00:00, not flushed.
 */
class SqlGoldenTest {
  private static final String FOLDER = "sql-golden";
  private static final double DAY0 = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();

  @TempDir static Path dataDir;
  static ServerFixture fixture;

  @BeforeAll
  static void writeHistory() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-02-01T00:00:00Z"));
    QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(dataDir)
                .clock(now::get)
                .offlineFlushAge(Duration.ofDays(3650))
                .ttlSweepInterval(Duration.ZERO)
                .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder("drivers")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("trips", FeatureType.INTEGRAL)
            .feature("rating", FeatureType.FRACTIONAL)
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder("events")
            .recordIdentifier("cid")
            .eventTime("ts")
            .feature("cid", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("driver", FeatureType.STRING)
            .feature("label", FeatureType.INTEGRAL)
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder("profiles")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature(FeatureDefinition.list("tags", FeatureType.STRING))
            .feature(FeatureDefinition.set("scores", FeatureType.INTEGRAL))
            .feature(FeatureDefinition.vector("embedding", 3))
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    profile(store, "d1", "00:05", List.of("fast", "friendly"), List.of(1, 2, 3), 0.5, 1.0, -1.0);
    profile(store, "d2", "00:10", List.of(), List.of(7), 0.0, 0.0, 1.0);
    profile(store, "d3", "00:20", null, null, 1.0, 1.0, 1.0);
    profile(store, "d1", "01:00", List.of("late"), List.of(), 0.25, 0.25, 0.25);
    driver(store, "d1", "00:10", 1, 4.0);
    driver(store, "d1", "01:20", 5, 4.5);
    driver(store, "d1", "03:00", 9, 4.8);
    driver(store, "d2", "00:30", 2, 3.0);
    driver(store, "d2", "02:45", 4, 3.5);
    driver(store, "d3", "02:00", 7, 5.0);
    event(store, "e1", "d1", "01:00", 1);
    event(store, "e2", "d1", "01:20", 0);
    event(store, "e3", "d2", "00:15", 1);
    event(store, "e4", "d2", "03:00", 0);
    event(store, "e5", "d4", "02:00", 1);
    event(store, "e6", "d3", "03:30", 0);
    event(store, "e7", "d1", "04:00", 1);
    now.set(Instant.parse("2024-02-01T01:00:00Z"));
    store.flush();
    now.set(Instant.parse("2024-03-01T00:00:00Z"));
    driver(store, "d2", "02:45", 6, 3.5);
    store.deleteRecord(
        "drivers",
        "d1",
        Double.toString(seconds("03:30")),
        DeletionMode.SOFT_DELETE,
        RecordWriteOptions.defaults());
    now.set(Instant.parse("2024-03-01T01:00:00Z"));
    store.flush();
    now.set(Instant.parse("2024-04-01T00:00:00Z"));
    driver(store, "d3", "03:15", 8, 4.9);
    profile(store, "d2", "02:50", List.of("new", "b"), List.of(8, 9), 3.0, 2.0, 1.0);
    fixture = ServerFixture.start(store, b -> b);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> asOfJoin() throws IOException {
    return cases("asof-join.sql");
  }

  @TestFactory
  Stream<DynamicTest> pruning() throws IOException {
    return cases("pruning.sql");
  }

  @TestFactory
  Stream<DynamicTest> timeTravel() throws IOException {
    return cases("time-travel.sql");
  }

  @TestFactory
  Stream<DynamicTest> collections() throws IOException {
    return cases("collections.sql");
  }

  private Stream<DynamicTest> cases(String file) throws IOException {
    List<GoldenCase> cases = GoldenCase.parse(read(file));
    assertThat(cases).as(file).isNotEmpty();
    return cases.stream()
        .flatMap(
            c ->
                Stream.of(
                    DynamicTest.dynamicTest(
                        file + ":" + c.line() + " --data-dir",
                        () -> check(c, "--data-dir", dataDir.toString())),
                    DynamicTest.dynamicTest(
                        file + ":" + c.line() + " --endpoint",
                        () ->
                            check(
                                c,
                                "--endpoint",
                                "grpc://127.0.0.1:" + fixture.server().flightSqlPort()))));
  }

  private static void check(GoldenCase c, String option, String value) {
    CliRun run = CliRun.of("sql", option, value, "--format", "csv", c.query());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().lines().toList()).as(c.query()).isEqualTo(c.expected());
  }

  private static String read(String file) throws IOException {
    try (InputStream in =
        SqlGoldenTest.class.getClassLoader().getResourceAsStream(FOLDER + "/" + file)) {
      return new String(Objects.requireNonNull(in, file).readAllBytes(), UTF_8);
    }
  }

  private static double seconds(String hourMinute) {
    String[] parts = hourMinute.split(":");
    return DAY0 + Integer.parseInt(parts[0]) * 3600.0 + Integer.parseInt(parts[1]) * 60.0;
  }

  private static void driver(QuiverStore store, String id, String at, long trips, double rating) {
    store.putRecord(
        "drivers",
        Record.builder()
            .set("id", id)
            .set("ts", seconds(at))
            .set("trips", trips)
            .set("rating", rating)
            .build());
  }

  private static void profile(
      QuiverStore store,
      String id,
      String at,
      @Nullable List<String> tags,
      @Nullable List<Integer> scores,
      double... embedding) {
    Record.Builder record = Record.builder().set("id", id).set("ts", seconds(at));
    if (tags != null) {
      record.setList("tags", tags);
    }
    if (scores != null) {
      record.setList("scores", scores);
    }
    store.putRecord("profiles", record.setVector("embedding", embedding).build());
  }

  private static void event(QuiverStore store, String cid, String driver, String at, long label) {
    store.putRecord(
        "events",
        Record.builder()
            .set("cid", cid)
            .set("ts", seconds(at))
            .set("driver", driver)
            .set("label", label)
            .build());
  }

  /** One query of a golden file and the lines it must print. */
  record GoldenCase(int line, String query, List<String> expected) {
    static List<GoldenCase> parse(String text) {
      List<GoldenCase> cases = new ArrayList<>();
      List<String> lines = text.lines().toList();
      int i = 0;
      while (i < lines.size()) {
        while (i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith("#"))) {
          i++;
        }
        if (i == lines.size()) {
          break;
        }
        int start = i + 1;
        StringBuilder query = new StringBuilder();
        while (i < lines.size() && !lines.get(i).equals("----")) {
          query.append(query.length() == 0 ? "" : "\n").append(lines.get(i++));
        }
        if (i == lines.size()) {
          throw new IllegalArgumentException("line " + start + ": a query without ----");
        }
        i++;
        List<String> expected = new ArrayList<>();
        while (i < lines.size() && !lines.get(i).isEmpty()) {
          expected.add(lines.get(i++));
        }
        cases.add(new GoldenCase(start, query.toString(), expected));
      }
      return cases;
    }
  }
}
