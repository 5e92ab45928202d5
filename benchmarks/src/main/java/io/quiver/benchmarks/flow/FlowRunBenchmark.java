package io.quiver.benchmarks.flow;

import io.quiver.wrangler.executor.FlowRunner;
import io.quiver.wrangler.executor.RunListener;
import io.quiver.wrangler.executor.RunResult;
import io.quiver.wrangler.flow.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures a flow of ten transforms (cast, fill missing, standard-scale five numerics, one-hot two
 * categories, date components, a formula, ...; see {@link FlowData#flow}) over a CSV of 1,000,000
 * rows and 20 columns to Parquet, next to DuckDB running the equivalent SQL on the same file to
 * Parquet, alternating, in the same JVM (both warm after the first round, which is not counted).
 * Quiver is measured fitting and running an unfitted flow (two reads of the file, as DuckDB's query
 * computes its statistics) and running the fitted flow. Prints every round and the medians.
 *
 * <pre>
 * mvn -B -q package -pl benchmarks -am -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.flow.FlowRunBenchmark [rows] [rounds] [dir]
 * </pre>
 */
public final class FlowRunBenchmark {
  private FlowRunBenchmark() {}

  /** Arguments: rows (1000000), measured rounds (5), working folder. */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/flow-benchmark");
    Files.createDirectories(dir);
    Path csv = dir.resolve("raw-" + rows + ".csv");
    if (!Files.exists(csv)) {
      FlowData.generate(csv, rows);
    }
    System.out.printf(
        Locale.ROOT, "input: %,d rows x 20 columns, %,d bytes%n", rows, Files.size(csv));
    Path out = dir.resolve("quiver-out");
    Flow unfitted = Flow.parse(FlowData.flow(csv, out.toString()), "bench.flow");
    FlowRunner runner = FlowRunner.create(FlowRunner.Options.defaults());
    Flow fitted = runner.fit(unfitted, Map.of(), false, RunListener.silent());
    List<Double> fitAndRun = new ArrayList<>();
    List<Double> fittedRun = new ArrayList<>();
    List<Double> duck = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      double q1 = quiver(runner, unfitted, out, rows);
      double d = duckDb(csv, dir.resolve("duck.parquet"));
      double q2 = quiver(runner, fitted, out, rows);
      System.out.printf(
          Locale.ROOT,
          "round %d%s: quiver fit+run %.2f s, quiver fitted run %.2f s, duckdb %.2f s%n",
          round,
          round == 0 ? " (warm-up, not counted)" : "",
          q1,
          q2,
          d);
      if (round > 0) {
        fitAndRun.add(q1);
        fittedRun.add(q2);
        duck.add(d);
      }
    }
    double d = median(duck);
    System.out.printf(
        Locale.ROOT,
        "median: quiver fit+run %.2f s (ratio %.2f), quiver fitted run %.2f s (ratio %.2f), duckdb %.2f s (%,.0f rows/s)%n",
        median(fitAndRun),
        median(fitAndRun) / d,
        median(fittedRun),
        median(fittedRun) / d,
        d,
        rows / d);
  }

  private static double quiver(FlowRunner runner, Flow flow, Path out, int rows) {
    delete(out);
    long start = System.nanoTime();
    RunResult result = runner.run(flow, Map.of(), RunListener.silent());
    double took = (System.nanoTime() - start) / 1e9;
    if (result.destinations().get(0).rows() != rows) {
      throw new IllegalStateException("Cannot trust the run: wrote " + result.destinations());
    }
    return took;
  }

  private static double duckDb(Path csv, Path parquet) throws SQLException {
    delete(parquet);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      long start = System.nanoTime();
      statement.execute(FlowData.duckDbSql(csv, parquet));
      return (System.nanoTime() - start) / 1e9;
    }
  }

  static void delete(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
