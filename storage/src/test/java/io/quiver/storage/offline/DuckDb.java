package io.quiver.storage.offline;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads offline folders the way an external engine does: DuckDB over hive-partitioned Parquet. */
public final class DuckDb {
  private DuckDb() {}

  /** The table expression reading every Parquet file below {@code folder}. */
  public static String table(Path folder) {
    return "read_parquet('" + folder.toAbsolutePath() + "/**/*.parquet', hive_partitioning = true)";
  }

  /** Runs a statement that returns no rows. */
  public static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed on: " + sql, e);
    }
  }

  /** Rows of {@code sql}, each a list of column values; SQL arrays become Java lists. */
  public static List<List<Object>> query(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int c = 1; c <= columns; c++) {
          Object value = rs.getObject(c);
          if (value instanceof Array array) {
            value = Arrays.asList((Object[]) array.getArray());
          }
          row.add(value);
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed on: " + sql, e);
    }
  }
}
