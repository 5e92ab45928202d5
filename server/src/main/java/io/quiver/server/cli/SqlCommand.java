package io.quiver.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.query.QuiverSql;
import io.quiver.query.pit.CsvFormat;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.parquet.ScanStatistics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin S3Options s3;

  @Parameters(
      index = "0",
      description = "The query, for example \"SELECT * FROM drivers LIMIT 10\".")
  String query;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // This command is the composition root: a scan's files are read on one thread per core.
    ExecutorService readers =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try (ReadOnlyStore history =
            ReadOnlyStore.open(
                StoreConfig.builder(dataDir)
                    .account(account)
                    .region(region)
                    .s3(s3.settings(spec.commandLine()))
                    .build());
        Connection sql = QuiverSql.connect(history, new ScanStatistics(), readers);
        Statement statement = sql.createStatement();
        ResultSet rs = statement.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        names.add(rs.getMetaData().getColumnLabel(i));
      }
      List<String[]> rows = new ArrayList<>();
      if (format == Format.csv) {
        out.println(String.join(",", names.stream().map(CsvFormat::quote).toList()));
      }
      while (rs.next()) {
        String[] row = new String[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getString(i + 1);
        }
        switch (format) {
          case csv ->
              out.println(
                  String.join(",", java.util.Arrays.stream(row).map(CsvFormat::quote).toList()));
          case json -> out.println(json(names, row));
          case table -> rows.add(row);
        }
      }
      if (format == Format.table) {
        printTable(out, names, rows);
      }
      out.flush();
      return 0;
    } catch (SQLException e) {
      throw new IllegalArgumentException(QuiverSql.errorMessage(e), e);
    } finally {
      readers.shutdownNow();
    }
  }

  /** One JSON object per line, written by Jackson; values keep SQL NULL as JSON null. */
  private String json(List<String> names, String[] row) {
    ObjectNode object = json.createObjectNode();
    for (int i = 0; i < row.length; i++) {
      object.put(names.get(i), row[i]);
    }
    try {
      return json.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a row as JSON", e);
    }
  }

  private static void printTable(PrintWriter out, List<String> names, List<String[]> rows) {
    int[] widths = names.stream().mapToInt(String::length).toArray();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], String.valueOf(row[i]).length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : widths) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    out.println(line(names.toArray(new String[0]), widths));
    out.println(rule);
    rows.forEach(r -> out.println(line(r, widths)));
    out.println(rule);
  }

  private static String line(String[] values, int[] widths) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < values.length; i++) {
      String v = String.valueOf(values[i]);
      sb.append(' ').append(v).append(" ".repeat(widths[i] - v.length())).append(" |");
    }
    return sb.toString();
  }
}
