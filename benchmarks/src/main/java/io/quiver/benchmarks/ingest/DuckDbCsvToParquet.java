package io.quiver.benchmarks.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The baseline process of {@code benchmarks/run-csv-import.sh}: DuckDB (in-process, through its
 * JDBC driver) converting a CSV file to one Parquet file with {@code COPY (SELECT * FROM
 * read_csv(..)) TO .. (FORMAT parquet)}, as a whole JVM process so that it pays the start-up a
 * {@code quiver import} pays. With {@code --hourly}, it writes the layout Quiver's offline store
 * has instead: a folder per hour of {@code event_time} ({@code PARTITION_BY (year, month, day,
 * hour)}), one file or more in each.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.quiver.benchmarks.ingest.DuckDbCsvToParquet [--hourly] in.csv out}.
 */
public final class DuckDbCsvToParquet {
  private DuckDbCsvToParquet() {}

  /**
   * Arguments: {@code --hourly} (optional), the CSV file, the Parquet file (or folder) to write.
   */
  public static void main(String[] args) throws Exception {
    boolean hourly = args.length == 3 && args[0].equals("--hourly");
    if (args.length != (hourly ? 3 : 2)) {
      System.err.println("usage: DuckDbCsvToParquet [--hourly] <in.csv> <out>");
      System.exit(2);
    }
    int first = hourly ? 1 : 0;
    String csv = Path.of(args[first]).toAbsolutePath().toString().replace("'", "''");
    String out = Path.of(args[first + 1]).toAbsolutePath().toString().replace("'", "''");
    String copy =
        hourly
            ? "COPY (SELECT *, year(event_time) AS year, month(event_time) AS month,"
                + " day(event_time) AS day, hour(event_time) AS hour FROM read_csv('"
                + csv
                + "')) TO '"
                + out
                + "' (FORMAT parquet, PARTITION_BY (year, month, day, hour))"
            : "COPY (SELECT * FROM read_csv('" + csv + "')) TO '" + out + "' (FORMAT parquet)";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(copy);
    }
  }
}
