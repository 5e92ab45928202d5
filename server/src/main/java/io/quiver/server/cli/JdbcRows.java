package io.quiver.server.cli;

import io.quiver.query.QuiverSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A query run on a local SQL connection; values are the connection's own text. */
final class JdbcRows implements QueryRows {
  private final Connection connection;
  private final Statement statement;
  private final ResultSet resultSet;
  private final List<String> columns;
  private final List<Kind> kinds;

  private JdbcRows(
      Connection connection,
      Statement statement,
      ResultSet resultSet,
      List<String> columns,
      List<Kind> kinds) {
    this.connection = connection;
    this.statement = statement;
    this.resultSet = resultSet;
    this.columns = columns;
    this.kinds = kinds;
  }

  /**
   * Runs {@code query} on {@code connection}, which the rows then own and close.
   *
   * @throws IllegalArgumentException if the query fails, with Calcite's message and position
   */
  static JdbcRows run(Connection connection, String query) {
    Statement statement = null;
    try {
      statement = connection.createStatement();
      ResultSet rs = statement.executeQuery(query);
      List<String> columns = new ArrayList<>();
      List<Kind> kinds = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        columns.add(rs.getMetaData().getColumnLabel(i));
        kinds.add(Kind.ofSqlType(rs.getMetaData().getColumnType(i)));
      }
      return new JdbcRows(connection, statement, rs, columns, kinds);
    } catch (SQLException e) {
      closeQuietly(statement, connection);
      throw new IllegalArgumentException(QuiverSql.errorMessage(e), e);
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public List<Kind> kinds() {
    return kinds;
  }

  @Override
  public @Nullable String @Nullable [] next() {
    try {
      if (!resultSet.next()) {
        return null;
      }
      @Nullable String[] row = new String[columns.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = resultSet.getString(i + 1);
      }
      return row;
    } catch (SQLException | RuntimeException e) {
      // A value that fails while its row is computed (a bad CAST) comes unwrapped, too.
      throw new IllegalArgumentException(QuiverSql.errorMessage(e), e);
    }
  }

  @Override
  public void close() {
    try {
      resultSet.close();
    } catch (SQLException e) {
      // Closing releases memory only.
    }
    closeQuietly(statement, connection);
  }

  private static void closeQuietly(@Nullable Statement statement, Connection connection) {
    try {
      if (statement != null) {
        statement.close();
      }
      connection.close();
    } catch (SQLException e) {
      // As above.
    }
  }
}
