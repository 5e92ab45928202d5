package io.quiver.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.query.QuiverSql;
import io.quiver.query.pit.CsvFormat;
import io.quiver.query.source.DataDirectory;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.parquet.ScanStatistics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quiver sql}: runs one query over a data directory's offline store (read-only, so a running
 * server is no obstacle) and prints the result.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "Run a SQL query over the offline store of a data directory.")
final class SqlCommand implements Callable<Integer> {
  private final ObjectMapper json = new ObjectMapper();

  /** Output formats. */
  enum Format {
    csv,
    table,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = "quiver-data",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--format",
      defaultValue = "csv",
      description =
          "Output: csv (header line, then rows), table or json (one object per line). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--account",
      defaultValue = StoreConfig.ACCOUNT_DEFAULT,
      description = "Account in offline paths.")
  String account;

  @Option(
      names = "--region",
      defaultValue = StoreConfig.REGION_DEFAULT,
      description = "Region in offline paths.")
  String region;

  @Parameters(
      index = "0",
      description = "The query, for example \"SELECT * FROM drivers LIMIT 10\".")
  String query;

  @Override
  public Integer call() {
    // This command is the composition root: a scan's files are read on one thread per core.
    ExecutorService readers =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    // The answer is spooled and printed only once the query has run to the end, so that a query
    // failing on a late row (a CAST of a bad value, say) prints its error and no partial result.
    try (SpooledText answer = new SpooledText();
        Connection sql =
            QuiverSql.connect(
                DataDirectory.open(dataDir, account, region), new ScanStatistics(), readers);
        Statement statement = sql.createStatement();
        ResultSet rs = statement.executeQuery(query)) {
      ResultSetMetaData meta = rs.getMetaData();
      int n = meta.getColumnCount();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        names.add(meta.getColumnLabel(i));
      }
      List<String[]> rows = new ArrayList<>();
      if (format == Format.csv) {
        answer.println(String.join(",", names.stream().map(CsvFormat::quote).toList()));
      }
      while (rs.next()) {
        switch (format) {
          case csv ->
              answer.println(
                  String.join(",", strings(rs, n).stream().map(CsvFormat::quote).toList()));
          case json -> answer.println(json(names, meta, rs));
          case table -> rows.add(strings(rs, n).toArray(String[]::new));
        }
      }
      if (format == Format.table) {
        TextTable.print(answer.writer(), names, rows);
      }
      PrintWriter out = spec.commandLine().getOut();
      answer.copyTo(out);
      out.flush();
      return 0;
    } catch (SQLException e) {
      throw new IllegalArgumentException(QuiverSql.errorMessage(e), e);
    } catch (RuntimeException e) {
      // A failure while reading rows (a bad CAST) reaches here unwrapped; say it the same way.
      if (e instanceof io.quiver.storage.error.QuiverException) {
        throw e;
      }
      throw new IllegalArgumentException(QuiverSql.errorMessage(e), e);
    } finally {
      readers.shutdownNow();
    }
  }

  private static List<String> strings(ResultSet rs, int n) throws SQLException {
    List<String> row = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      row.add(rs.getString(i));
    }
    return row;
  }

  /**
   * One JSON object per line, written by Jackson: numbers as numbers, booleans as booleans, SQL
   * NULL as null, anything else (text, times) as a string.
   */
  private String json(List<String> names, ResultSetMetaData meta, ResultSet rs)
      throws SQLException {
    ObjectNode object = json.createObjectNode();
    for (int i = 0; i < names.size(); i++) {
      int column = i + 1;
      String name = names.get(i);
      switch (meta.getColumnType(column)) {
        case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
          long value = rs.getLong(column);
          if (rs.wasNull()) {
            object.putNull(name);
          } else {
            object.put(name, value);
          }
        }
        case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
          double value = rs.getDouble(column);
          if (rs.wasNull()) {
            object.putNull(name);
          } else {
            object.put(name, value);
          }
        }
        case Types.DECIMAL, Types.NUMERIC -> object.put(name, rs.getBigDecimal(column));
        case Types.BOOLEAN, Types.BIT -> {
          boolean value = rs.getBoolean(column);
          if (rs.wasNull()) {
            object.putNull(name);
          } else {
            object.put(name, value);
          }
        }
        default -> object.put(name, rs.getString(column));
      }
    }
    try {
      return json.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a row as JSON", e);
    }
  }
}
