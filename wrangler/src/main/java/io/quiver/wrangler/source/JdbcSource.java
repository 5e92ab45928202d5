package io.quiver.wrangler.source;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Streams the result of a query over plain JDBC: forward-only, read-only, {@value #FETCH_SIZE} rows
 * per round trip, in a read-only transaction (PostgreSQL streams only with auto-commit off). SQL
 * types map to the types a {@link SourceRow} carries; a timestamp without time zone is taken as
 * UTC. Positions are {@code <url>: row N}, the URL without its parameters (which may hold a
 * password). SQLExceptions are translated here, once.
 */
final class JdbcSource implements RowStream {
  static final int FETCH_SIZE = 1_000;

  private final String name;
  private final Connection connection;
  private final Statement statement;
  private final ResultSet result;
  private final List<String> columns;
  private final int[] types;
  private final int[] scales;
  private long rows;
  private boolean closed;

  private JdbcSource(String name, Connection connection, Statement statement, ResultSet result)
      throws SQLException {
    this.name = name;
    this.connection = connection;
    this.statement = statement;
    this.result = result;
    ResultSetMetaData meta = result.getMetaData();
    int count = meta.getColumnCount();
    List<String> names = new ArrayList<>(count);
    types = new int[count];
    scales = new int[count];
    for (int i = 0; i < count; i++) {
      names.add(meta.getColumnLabel(i + 1));
      types[i] = meta.getColumnType(i + 1);
      if (types[i] == Types.TIMESTAMP
          && meta.getColumnTypeName(i + 1).toLowerCase(java.util.Locale.ROOT).contains("tz")) {
        // PostgreSQL reports timestamptz as TIMESTAMP, but refuses to read it as a LocalDateTime.
        types[i] = Types.TIMESTAMP_WITH_TIMEZONE;
      }
      scales[i] = meta.getScale(i + 1);
    }
    this.columns = List.copyOf(names);
  }

  static ImportSource open(String url, String query, Properties properties) {
    int parameters = url.indexOf('?');
    String name = parameters < 0 ? url : url.substring(0, parameters);
    Connection connection = null;
    try {
      connection = DriverManager.getConnection(url, properties);
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      Statement statement =
          connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(FETCH_SIZE);
      JdbcSource source =
          new JdbcSource(name, connection, statement, statement.executeQuery(query));
      return FileSetSource.ofStream(name, source, false);
    } catch (SQLException e) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new SourceException("Cannot run the query on " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public @Nullable SourceRow read() {
    try {
      if (!result.next()) {
        return null;
      }
      rows++;
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value(i + 1, types[i], scales[i]);
      }
      return new SourceRow(name + ": row " + rows, columns, Arrays.asList(values));
    } catch (SQLException e) {
      throw new SourceException(
          "Cannot read " + name + ": row " + (rows + 1) + ": " + e.getMessage(), e);
    }
  }

  private @Nullable Object value(int column, int type, int scale) throws SQLException {
    Object value =
        switch (type) {
          case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> result.getLong(column);
          case Types.REAL, Types.FLOAT, Types.DOUBLE -> result.getDouble(column);
          case Types.NUMERIC, Types.DECIMAL -> {
            BigDecimal decimal = result.getBigDecimal(column);
            yield decimal == null
                ? null
                : scale == 0 && decimal.scale() <= 0 ? (Object) toLongOrDecimal(decimal) : decimal;
          }
          case Types.BOOLEAN, Types.BIT -> result.getBoolean(column);
          case Types.DATE -> {
            java.sql.Date date = result.getDate(column);
            yield date == null ? null : date.toLocalDate();
          }
          case Types.TIMESTAMP -> {
            LocalDateTime time = result.getObject(column, LocalDateTime.class);
            yield time == null ? null : time.toInstant(ZoneOffset.UTC);
          }
          case Types.TIMESTAMP_WITH_TIMEZONE -> {
            OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
            yield time == null ? null : time.toInstant();
          }
          default -> result.getString(column);
        };
    return result.wasNull() ? null : value;
  }

  private static Object toLongOrDecimal(BigDecimal decimal) {
    try {
      return decimal.longValueExact();
    } catch (ArithmeticException e) {
      return decimal;
    }
  }

  @Override
  public double fractionRead() {
    return Double.NaN;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Connection c = connection;
        Statement s = statement;
        ResultSet r = result) {
      c.rollback();
    } catch (SQLException e) {
      throw new SourceException("Cannot close the query on " + name + ": " + e.getMessage(), e);
    }
  }
}
