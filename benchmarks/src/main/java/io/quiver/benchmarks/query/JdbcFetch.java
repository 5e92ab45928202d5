package io.quiver.benchmarks.query;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/**
 * Fetches every row of a query through any JDBC driver on the class path and reports rows per
 * second, reading each column of each row as an object (what a JDBC tool does): the same code
 * measures the Flight SQL JDBC driver against {@code quiver serve} and DuckDB's driver over the
 * same Parquet files, so the drivers are the only difference. {@code run-sql-cli.sh} runs it.
 *
 * <p>Arguments: JDBC URL, query, rounds (after one warm-up round). Prints one line per round and a
 * final {@code median <ms> ms, <rows/s> rows/s, <rows> rows}.
 */
public final class JdbcFetch {
  private JdbcFetch() {}

  /** Runs the query {@code args[2]} times after a warm-up and prints the timings. */
  public static void main(String[] args) throws SQLException {
    String url = args[0];
    String query = args[1];
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long[] millis = new long[rounds];
    long rows = 0;
    try (Connection connection = DriverManager.getConnection(url)) {
      fetch(connection, query);
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        rows = fetch(connection, query);
        millis[r] = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "round %d: %d ms, %d rows%n", r, millis[r], rows);
      }
    }
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    long median = sorted[rounds / 2];
    System.out.printf(
        Locale.ROOT,
        "median %d ms, %.0f rows/s, %d rows%n",
        median,
        rows * 1000.0 / Math.max(1, median),
        rows);
  }

  private static long fetch(Connection connection, String query) throws SQLException {
    long rows = 0;
    long nonNull = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          if (rs.getObject(i) != null) {
            nonNull++;
          }
        }
        rows++;
      }
    }
    if (nonNull == 0 && rows > 0) {
      throw new IllegalStateException("Every value was null");
    }
    return rows;
  }
}
