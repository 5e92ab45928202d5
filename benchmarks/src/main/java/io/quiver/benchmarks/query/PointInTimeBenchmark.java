package io.quiver.benchmarks.query;

import io.quiver.query.QuiverSql;
import io.quiver.query.pit.Dataset;
import io.quiver.query.pit.DatasetBase;
import io.quiver.query.pit.DatasetBuilder;
import io.quiver.query.pit.JoinType;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.parquet.ScanStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures building a point-in-time dataset (Quiver's {@link DatasetBuilder}, ASOF LEFT JOIN
 * semantics) of 100,000 entity rows against a feature group of 1,000,000 rows (10,000 identifiers,
 * 100 rows each, no equal event times within an identifier) stored as Parquet in SageMaker's hourly
 * layout (240 hour partitions), and DuckDB's {@code ASOF LEFT JOIN} over the same files in the same
 * JVM, and the same join as a SQL {@code LEFT ASOF JOIN} through {@link QuiverSql} (the entities
 * are also written as a feature group, since SQL sees feature groups). Data come from fixed
 * deterministic hashes (DuckDB's {@code hash()}), so every run has the same answer; all three must
 * agree on row count, matched count and the exact sum of {@code v}.
 *
 * <p>Each repetition reads the files from disk afresh (no caching between repetitions) unless
 * {@code -Dquiver.bench.readCacheMib=N} gives the store a cache of decoded files (as {@code quiver
 * serve} has); the two engines alternate; the report gives medians. Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.query.PointInTimeBenchmark [reps] [warm-up reps]
 * </pre>
 */
public final class PointInTimeBenchmark {
  private static final long T0 = 1_704_067_200L; // 2024-01-01T00:00:00Z
  private static final int SPAN_SECONDS = 10 * 24 * 3600;

  private PointInTimeBenchmark() {}

  /**
   * Runs the benchmark; the optional arguments are the number of measured repetitions (default 7)
   * and of uncounted warm-up repetitions before them (default 3).
   */
  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    // Warm-up rounds run both engines and are not counted, as in JMH: the comparison is of steady
    // states (DuckDB is native code; Quiver's first rounds run while the JIT compiles it).
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String keep = System.getProperty("quiver.bench.dir");
    // With a budget, repeated reads of the (immutable) files come from the store's cache of
    // decoded files, as in a long-lived server; 0 (the default) reads every file afresh.
    long cacheMib = Long.getLong("quiver.bench.readCacheMib", 0L);
    System.out.printf(Locale.ROOT, "offline read cache: %d MiB%n", cacheMib);
    Path dir =
        keep != null
            ? Files.createDirectories(Path.of(keep))
            : Files.createTempDirectory("quiver-pit-bench");
    // Quiver reads files on a pool as large as DuckDB's default thread count (one per core).
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread thread = new Thread(r, "quiver-bench-reader");
              thread.setDaemon(true);
              return thread;
            });
    try (QuiverStore store =
            QuiverStore.open(
                StoreConfig.builder(dir.resolve("store"))
                    .ttlSweepInterval(Duration.ZERO)
                    .offlineReadCacheBytes(cacheMib << 20)
                    .build());
        Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      Path offline = dir.resolve("offline");
      FeatureGroup group =
          store.listFeatureGroups().isEmpty()
              ? store.createFeatureGroup(
                  FeatureGroupSpec.builder("features")
                      .recordIdentifier("id")
                      .eventTime("event_time")
                      .feature("id", FeatureType.STRING)
                      .feature("event_time", FeatureType.FRACTIONAL)
                      .feature("v", FeatureType.FRACTIONAL)
                      .feature("note", FeatureType.STRING)
                      .offlineStore(OfflineStoreConfig.at("file://" + offline))
                      .build())
              : store.describeFeatureGroup("features");
      // The same entities as a feature group too, for the SQL variant (SQL sees feature groups
      // only).
      FeatureGroup entityGroup =
          store.listFeatureGroups().stream().anyMatch(g -> g.name().equals("entities"))
              ? store.describeFeatureGroup("entities")
              : store.createFeatureGroup(
                  FeatureGroupSpec.builder("entities")
                      .recordIdentifier("id")
                      .eventTime("ts")
                      .feature("id", FeatureType.STRING)
                      .feature("ts", FeatureType.FRACTIONAL)
                      .offlineStore(OfflineStoreConfig.at("file://" + offline))
                      .build());
      OfflineHistory source = store.offlineHistory();
      Path data = dataFolder(offline, group);
      Path entities = dir.resolve("entities.parquet");
      long t = System.nanoTime();
      if (!Files.exists(entities)) {
        generate(duck, data, entities);
      }
      Path entityData = dataFolder(offline, entityGroup);
      if (!Files.exists(entityData)) {
        generateEntityGroup(duck, entities, entityData);
      }
      System.out.printf(
          Locale.ROOT,
          "generated data in %d ms under %s%n",
          (System.nanoTime() - t) / 1_000_000,
          dir);

      String duckQuery =
          "SELECT count(*), count(f.v), sum(CAST(round(f.v * 1000000) AS BIGINT)) "
              + "FROM read_parquet('"
              + entities
              + "') e ASOF LEFT JOIN read_parquet('"
              + data
              + "/**/*.parquet') f "
              + "ON e.id = f.id AND e.ts >= f.event_time";
      List<Long> quiverTimes = new ArrayList<>();
      List<Long> duckTimes = new ArrayList<>();
      List<Long> sqlTimes = new ArrayList<>();
      long[] quiverAnswer = new long[3];
      long[] duckAnswer = new long[3];
      long[] sqlAnswer = new long[3];
      for (int r = -warmup; r < reps; r++) {
        t = System.nanoTime();
        quiverAnswer = quiver(source, entities, pool);
        long quiverNanos = System.nanoTime() - t;
        t = System.nanoTime();
        duckAnswer = duck(duck, duckQuery);
        long duckNanos = System.nanoTime() - t;
        if (r >= 0) {
          quiverTimes.add(quiverNanos);
          duckTimes.add(duckNanos);
        }
        System.out.printf(
            Locale.ROOT,
            "%s %d: quiver %d ms, duckdb %d ms%n",
            r < 0 ? "warm-up" : "rep",
            r,
            quiverNanos / 1_000_000,
            duckNanos / 1_000_000);
      }
      // The SQL variant runs after, alternating with DuckDB again, so that its garbage (a boxed
      // row per feature row) does not land in the builder's timings.
      List<Long> duckSqlTimes = new ArrayList<>();
      try (Connection sql = QuiverSql.connect(source, new ScanStatistics(), pool)) {
        for (int r = -warmup; r < reps; r++) {
          t = System.nanoTime();
          sqlAnswer = sql(sql);
          long sqlNanos = System.nanoTime() - t;
          t = System.nanoTime();
          duck(duck, duckQuery);
          long duckNanos = System.nanoTime() - t;
          if (r >= 0) {
            sqlTimes.add(sqlNanos);
            duckSqlTimes.add(duckNanos);
          }
          System.out.printf(
              Locale.ROOT,
              "sql %s %d: quiver sql %d ms, duckdb %d ms%n",
              r < 0 ? "warm-up" : "rep",
              r,
              sqlNanos / 1_000_000,
              duckNanos / 1_000_000);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "quiver: rows=%d matched=%d sum(v)=%.6f%n",
          quiverAnswer[0],
          quiverAnswer[1],
          quiverAnswer[2] / 1e6);
      System.out.printf(
          Locale.ROOT,
          "duckdb: rows=%d matched=%d sum(v)=%.6f%n",
          duckAnswer[0],
          duckAnswer[1],
          duckAnswer[2] / 1e6);
      System.out.printf(
          Locale.ROOT,
          "quiver sql: rows=%d matched=%d sum(v)=%.6f%n",
          sqlAnswer[0],
          sqlAnswer[1],
          sqlAnswer[2] / 1e6);
      if (!java.util.Arrays.equals(quiverAnswer, duckAnswer)
          || !java.util.Arrays.equals(sqlAnswer, duckAnswer)) {
        throw new IllegalStateException("Cannot trust the timings: the engines disagree");
      }
      double q = median(quiverTimes) / 1e6;
      double d = median(duckTimes) / 1e6;
      double s = median(sqlTimes) / 1e6;
      double ds = median(duckSqlTimes) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "median of %d: quiver %.1f ms, duckdb %.1f ms, ratio quiver/duckdb %.2f%n",
          reps,
          q,
          d,
          q / d);
      System.out.printf(
          Locale.ROOT,
          "median of %d: quiver sql %.1f ms, duckdb %.1f ms, ratio quiver sql/duckdb %.2f%n",
          reps,
          s,
          ds,
          s / ds);
    } finally {
      pool.shutdownNow();
      if (keep == null) {
        deleteRecursively(dir);
      }
    }
  }

  private static long[] quiver(OfflineHistory source, Path entities, ExecutorService pool) {
    Dataset dataset =
        DatasetBuilder.create(source, DatasetBase.parquet(entities, "id", "ts"))
            .withFeatureGroup("features", "id", List.of("v"), JoinType.LEFT)
            .pointInTimeAccurateJoin()
            .executor(pool)
            .statistics(new ScanStatistics())
            .build();
    int v = dataset.columnNames().indexOf("v");
    long matched = 0;
    long sum = 0;
    for (int r = 0; r < dataset.rowCount(); r++) {
      Object value = dataset.value(r, v);
      if (value != null) {
        matched++;
        sum += Math.round((Double) value * 1_000_000d);
      }
    }
    return new long[] {dataset.rowCount(), matched, sum};
  }

  /**
   * The same join as SQL through QuiverSql (raw history; the data have no duplicates or deletes).
   */
  private static long[] sql(Connection sql) throws SQLException {
    String query =
        "SELECT f.v FROM entities AS e LEFT ASOF JOIN features AS f "
            + "MATCH_CONDITION f.event_timestamp <= e.event_timestamp ON e.id = f.id";
    long rows = 0;
    long matched = 0;
    long sum = 0;
    try (Statement st = sql.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        rows++;
        double v = rs.getDouble(1);
        if (!rs.wasNull()) {
          matched++;
          sum += Math.round(v * 1_000_000d);
        }
      }
    }
    return new long[] {rows, matched, sum};
  }

  private static Path dataFolder(Path offline, FeatureGroup group) {
    return offline
        .resolve(StoreConfig.ACCOUNT_DEFAULT)
        .resolve("sagemaker")
        .resolve(StoreConfig.REGION_DEFAULT)
        .resolve("offline-store")
        .resolve(group.offlineStoreFolderName())
        .resolve("data");
  }

  private static void generateEntityGroup(Connection duck, Path entities, Path data)
      throws SQLException, IOException {
    Files.createDirectories(data);
    try (Statement st = duck.createStatement()) {
      st.execute(
          "COPY (SELECT id, ts, make_timestamp(CAST(ts * 1000000 AS BIGINT)) AS write_time, "
              + "make_timestamp(CAST(ts * 1000000 AS BIGINT)) AS api_invocation_time, false AS is_deleted, "
              + "strftime(to_timestamp(ts), '%Y') AS year, strftime(to_timestamp(ts), '%m') AS month, "
              + "strftime(to_timestamp(ts), '%d') AS day, strftime(to_timestamp(ts), '%H') AS hour "
              + "FROM read_parquet('"
              + entities
              + "')) TO '"
              + data
              + "' (FORMAT parquet, PARTITION_BY (year, month, day, hour))");
    }
  }

  private static long[] duck(Connection duck, String query) throws SQLException {
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }

  private static void generate(Connection duck, Path data, Path entities)
      throws SQLException, IOException {
    Files.createDirectories(data);
    try (Statement st = duck.createStatement()) {
      // Row i belongs to id i % 10000; its j-th row (j = i / 10000) lies in its own slot of the
      // span, so no identifier has two rows at one event time.
      int slot = SPAN_SECONDS / 100;
      st.execute(
          "CREATE TABLE f AS SELECT 'id' || (i % 10000) AS id, "
              + "CAST("
              + T0
              + " + (i // 10000) * "
              + slot
              + " + hash(i) % "
              + slot
              + " AS DOUBLE) AS event_time, "
              + "(hash(i + 12345) % 1000000) / 1000000.0 AS v, 'n' || (i % 100) AS note FROM range(1000000) t(i)");
      st.execute(
          "COPY (SELECT id, event_time, v, note, "
              + "make_timestamp(CAST(event_time * 1000000 AS BIGINT) + 60000000) AS write_time, "
              + "make_timestamp(CAST(event_time * 1000000 AS BIGINT)) AS api_invocation_time, false AS is_deleted, "
              + "strftime(to_timestamp(event_time), '%Y') AS year, strftime(to_timestamp(event_time), '%m') AS month, "
              + "strftime(to_timestamp(event_time), '%d') AS day, strftime(to_timestamp(event_time), '%H') AS hour "
              + "FROM f ORDER BY event_time) TO '"
              + data
              + "' (FORMAT parquet, PARTITION_BY (year, month, day, hour))");
      st.execute(
          "COPY (SELECT 'id' || (hash(i + 999) % 11000) AS id, "
              + "CAST("
              + T0
              + " + hash(i + 555) % "
              + SPAN_SECONDS
              + " AS DOUBLE) AS ts FROM range(100000) t(i)) TO '"
              + entities
              + "' (FORMAT parquet)");
    }
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
