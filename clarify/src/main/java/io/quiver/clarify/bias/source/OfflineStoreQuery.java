package io.quiver.clarify.bias.source;

import io.quiver.query.QuiverSql;
import io.quiver.storage.offline.OfflineHistory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Runs one SQL query over offline history and hands its result, still streaming, to a {@link
 * JdbcBiasRowSource} that closes the result, the statement and the connection, in that order.
 * Stateless.
 */
final class OfflineStoreQuery {
  private OfflineStoreQuery() {}

  /**
   * Runs {@code sql}; {@code name} names the rows in messages.
   *
   * @throws IllegalArgumentException if Calcite rejects the query (its message, with the position)
   * @throws io.quiver.storage.error.ValidationException if a column is missing from the result
   */
  static BiasRowSource run(OfflineHistory history, String sql, String name, BiasColumns columns) {
    @Nullable Connection connection = null;
    try {
      connection = QuiverSql.connect(history);
      Statement statement = connection.createStatement();
      ResultSet rows = statement.executeQuery(sql);
      Connection owned = connection;
      connection = null; // from here the row source owns it
      return JdbcBiasRowSource.open(
          name,
          columns,
          rows,
          () -> {
            try (owned;
                statement;
                rows) {
              // closes rows, then the statement, then the connection
            }
          });
    } catch (SQLException e) {
      throw new IllegalArgumentException("Cannot run the query: " + QuiverSql.errorMessage(e), e);
    } finally {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(@Nullable Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close(); // also closes its statements
    } catch (SQLException ignored) {
      // already failing with the more useful exception
    }
  }
}
