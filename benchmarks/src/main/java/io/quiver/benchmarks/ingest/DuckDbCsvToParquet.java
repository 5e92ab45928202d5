package io.quiver.benchmarks.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The baseline process of {@code benchmarks/run-csv-import.sh}: DuckDB (in-process, through its
 * JDBC driver) converting a CSV file to one Parquet file with {@code COPY (SELECT * FROM
 * read_csv(..)) TO .. (FORMAT parquet)}, as a whole JVM process so that it pays the start-up a
 * {@code quiver import} pays.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.quiver.benchmarks.ingest.DuckDbCsvToParquet in.csv out.parquet}.
 */
public final class DuckDbCsvToParquet {
  private DuckDbCsvToParquet() {}

  /** Arguments: the CSV file, the Parquet file to write. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: DuckDbCsvToParquet <in.csv> <out.parquet>");
      System.exit(2);
    }
    String csv = Path.of(args[0]).toAbsolutePath().toString().replace("'", "''");
    String parquet = Path.of(args[1]).toAbsolutePath().toString().replace("'", "''");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_csv('" + csv + "')) TO '" + parquet + "' (FORMAT parquet)");
    }
  }
}
