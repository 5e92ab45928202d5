package io.quiver.query;

import io.quiver.query.schema.QuiverSchema;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.parquet.ScanStatistics;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Entry point of SQL over offline history: a JDBC connection whose default schema {@value #SCHEMA}
 * holds one table per feature group.
 *
 * <p>Identifiers are case-sensitive and kept as written; quote names that are not plain identifiers
 * (for example a group named {@code "customer-events"}) with double quotes. Use {@code ASOF JOIN
 * ... MATCH_CONDITION ... ON ...} for point-in-time joins.
 */
public final class QuiverSql {
  /** The name of the schema holding the feature group tables. */
  public static final String SCHEMA = "quiver";

  private static final Pattern POSITION = Pattern.compile("line \\d+, column \\d+");
  private static final Pattern INPUT =
      Pattern.compile("For input string: \"(.*)\"", Pattern.DOTALL);

  private QuiverSql() {}

  /** {@code name} as a double-quoted SQL identifier, as a feature or group name in a query. */
  public static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * The message to show a user for a failed query, first line only: Quiver's own message (one that
   * starts with "Cannot"), a value that did not convert or a division by zero said as such, else
   * Calcite's innermost message that carries a position ({@code line L, column C}), else the
   * innermost message.
   */
  public static String errorMessage(Throwable e) {
    String message = e.getMessage();
    String positioned = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NumberFormatException) {
        Matcher input = INPUT.matcher(String.valueOf(t.getMessage()));
        return "Cannot run the query: "
            + (input.find() ? "'" + input.group(1) + "'" : "a value")
            + " is not a number (a CAST or arithmetic needs one)";
      }
      if (t instanceof ArithmeticException) {
        return "Cannot run the query: "
            + (t.getMessage() == null || t.getMessage().equals("/ by zero")
                ? "division by zero"
                : t.getMessage());
      }
      if (t.getMessage() != null) {
        if (t.getMessage().startsWith("Cannot ")) {
          return firstLine(t.getMessage()); // Quiver's own words, already meant for the user
        }
        message = t.getMessage();
        if (POSITION.matcher(message).find()) {
          positioned = message;
        }
      }
    }
    message = positioned != null ? positioned : message;
    return firstLine(message == null ? e.toString() : message);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * Opens a connection over {@code history}; the caller closes it.
   *
   * @throws SQLException if Calcite cannot open the connection
   */
  public static Connection connect(OfflineHistory history) throws SQLException {
    return connect(history, new ScanStatistics());
  }

  /**
   * Opens a connection over {@code history} that counts its reads in {@code statistics}.
   *
   * @throws SQLException if Calcite cannot open the connection
   */
  public static Connection connect(OfflineHistory history, ScanStatistics statistics)
      throws SQLException {
    return connect(history, statistics, Runnable::run);
  }

  /**
   * Opens a connection over {@code history} that counts its reads in {@code statistics} and reads
   * the files of a scan on {@code files} (one task per file; the querying thread waits). Without
   * it, scans read on the querying thread.
   *
   * @throws SQLException if Calcite cannot open the connection
   */
  public static Connection connect(
      OfflineHistory history, ScanStatistics statistics, Executor files) throws SQLException {
    Properties info = new Properties();
    info.setProperty("caseSensitive", "true");
    info.setProperty("unquotedCasing", "UNCHANGED");
    info.setProperty("quotedCasing", "UNCHANGED");
    info.setProperty("quoting", "DOUBLE_QUOTE");
    info.setProperty("timeZone", "UTC");
    // QuiverPrepare adds Quiver's planner rules (FeatureAsofJoinRule) to every statement's planner.
    Connection connection =
        new org.apache.calcite.jdbc.Driver()
            .withPrepareFactory(QuiverPrepare::new)
            .connect("jdbc:calcite:", info);
    if (connection == null) {
      throw new SQLException("Cannot open a Calcite connection");
    }
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    calcite.getRootSchema().add(SCHEMA, new QuiverSchema(history, statistics, files));
    calcite.setSchema(SCHEMA);
    return connection;
  }
}
