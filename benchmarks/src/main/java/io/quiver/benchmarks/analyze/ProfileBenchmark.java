package io.quiver.benchmarks.analyze;

import io.quiver.wrangler.analyze.input.BatchSource;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.ProfileListener;
import io.quiver.wrangler.analyze.profile.ProfileOptions;
import io.quiver.wrangler.analyze.profile.Profiler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures profiling every row of a Parquet file of {@code rows} rows and 20 columns (8 doubles, 6
 * integers, 4 strings of 5, 1,000 and 1,000,000 distinct values, a boolean and a timestamp, some
 * with nulls), written by DuckDB, with Quiver's {@link Profiler} on both cores (count, missing,
 * distinct, extremes, moments, KLL quantiles, exact histograms, frequent values, outliers,
 * duplicate rows and a 100,000-row sample), against DuckDB's {@code SUMMARIZE} of the same file
 * (min, max, approximate distinct count, mean, standard deviation, approximate quartiles, count,
 * null share) in the same JVM. The two alternate after one uncounted round each; the report gives
 * medians and Quiver's peak heap (the heap pools' peak, reset before each Quiver round). Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.analyze.ProfileBenchmark [rows] [reps] [dir]
 * </pre>
 */
public final class ProfileBenchmark {
  private ProfileBenchmark() {}

  /** Runs the benchmark: rows (default 10,000,000), measured rounds (default 5), a work folder. */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/profile-benchmark");
    Files.createDirectories(dir);
    Path file = dir.resolve("profile-" + rows + ".parquet").toAbsolutePath();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      if (!Files.exists(file)) {
        write(duck, file, rows);
      }
      System.out.printf(Locale.ROOT, "file %s, %,d bytes%n", file, Files.size(file));
      List<Double> quiver = new ArrayList<>();
      List<Double> duckdb = new ArrayList<>();
      List<Double> heap = new ArrayList<>();
      for (int round = -1; round < reps; round++) {
        resetPeaks();
        long start = System.nanoTime();
        DatasetProfile profile;
        try (BatchSource source = BatchSource.parquet(List.of(file))) {
          profile = Profiler.profile(source, ProfileOptions.defaults(), ProfileListener.NONE);
        }
        double q = (System.nanoTime() - start) / 1e6;
        double peak = peakHeapMiB();
        start = System.nanoTime();
        long summarized = summarize(duck, file);
        double d = (System.nanoTime() - start) / 1e6;
        if (profile.rows() != rows || summarized != 20) {
          throw new IllegalStateException(
              "rows " + profile.rows() + ", summarized columns " + summarized);
        }
        System.out.printf(
            Locale.ROOT,
            "round %d: quiver %.0f ms (peak heap %.0f MiB), duckdb SUMMARIZE %.0f ms%n",
            round,
            q,
            peak,
            d);
        if (round >= 0) {
          quiver.add(q);
          duckdb.add(d);
          heap.add(peak);
        }
      }
      double qm = median(quiver);
      double dm = median(duckdb);
      System.out.printf(
          Locale.ROOT,
          "median: quiver %.0f ms, duckdb %.0f ms, ratio %.2f, quiver peak heap %.0f MiB (max %.0f)%n",
          qm,
          dm,
          qm / dm,
          median(heap),
          Collections.max(heap));
    }
  }

  private static void write(Connection duck, Path file, long rows) throws Exception {
    String sql =
        "COPY (SELECT"
            + " i AS id,"
            + " sqrt(-2 * ln(hash(i, 1) / 18446744073709551616.0 + 1e-12))"
            + "   * cos(6.283185307 * hash(i, 2) / 18446744073709551616.0) * 15 + 100 AS d_normal,"
            + " hash(i, 3) / 18446744073709551616.0 AS d_uniform,"
            + " exp(hash(i, 4) / 18446744073709551616.0 * 10) AS d_skewed,"
            + " CASE WHEN i % 10 = 0 THEN NULL ELSE hash(i, 5) % 100000 / 100.0 END AS d_price,"
            + " (hash(i, 6) % 1000) / 10.0 AS d_discrete,"
            + " hash(i, 7) / 18446744073709551616.0 * 1e6 - 5e5 AS d_wide,"
            + " round(hash(i, 8) / 18446744073709551616.0, 2) AS d_rounded,"
            + " CASE WHEN i % 3 = 0 THEN NULL ELSE hash(i, 9) / 18446744073709551616.0 END AS d_sparse,"
            + " (hash(i, 10) % 100)::BIGINT AS l_small,"
            + " (hash(i, 11) % 1000000)::BIGINT AS l_large,"
            + " (18 + hash(i, 12) % 70)::BIGINT AS l_age,"
            + " CASE WHEN i % 7 = 0 THEN NULL ELSE (hash(i, 13) % 50000)::BIGINT END AS l_nullable,"
            + " (i % 24)::BIGINT AS l_hour,"
            + " ['basic', 'plus', 'pro', 'team', 'enterprise'][(1 + hash(i, 14) % 5)::BIGINT] AS s_plan,"
            + " 'city_' || (hash(i, 15) % 1000) AS s_city,"
            + " 'user_' || (hash(i, 16) % 1000000) AS s_user,"
            + " CASE WHEN i % 20 = 0 THEN NULL ELSE ['north', 'south', 'east', 'west'][(1 + hash(i, 17) % 4)::BIGINT] END AS s_region,"
            + " hash(i, 18) % 2 = 0 AS b_flag,"
            + " TIMESTAMP '2024-01-01' + to_seconds((hash(i, 19) % 31536000)::BIGINT) AS t_event"
            + " FROM range("
            + rows
            + ") t(i)) TO '"
            + file
            + "' (FORMAT PARQUET, COMPRESSION SNAPPY)";
    try (Statement statement = duck.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long summarize(Connection duck, Path file) throws Exception {
    long columns = 0;
    try (Statement statement = duck.createStatement();
        ResultSet result =
            statement.executeQuery("SUMMARIZE SELECT * FROM read_parquet('" + file + "')")) {
      while (result.next()) {
        columns++;
      }
    }
    return columns;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static double peakHeapMiB() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / 1048576.0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
