package io.quiver.benchmarks.query;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB as a command: runs one query (the first argument) in a fresh in-memory DuckDB through its
 * JDBC driver and prints the rows as CSV, the whole-process baseline next to {@code quiver sql}.
 * Run with only DuckDB's jar on the class path, as {@code run-sql-cli.sh} does.
 */
public final class DuckDbQuery {
  private DuckDbQuery() {}

  /** Runs {@code args[0]} and prints its rows. */
  public static void main(String[] args) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(args[0])) {
      int columns = rs.getMetaData().getColumnCount();
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          out.append(i > 1 ? "," : "").append(rs.getString(i));
        }
        out.append('\n');
      }
      System.out.print(out);
    }
  }
}
