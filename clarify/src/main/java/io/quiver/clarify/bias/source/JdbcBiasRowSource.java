package io.quiver.clarify.bias.source;

import io.quiver.query.QuiverSql;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.error.ValidationException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the needed columns of a JDBC {@link ResultSet}, one row per {@link #next()}, never holding
 * more than the current row. Not thread-safe.
 *
 * <p>Values become text the way the CSV and Parquet sources produce them, so a CSV file written
 * from the same values (by {@code quiver sql} or a dataset's {@code writeCsv}) gives the same
 * analysis: integer types as {@code 42} (never {@code 42.0}), {@code DOUBLE} as Java's shortest
 * round-trip text ({@code 0.5}, {@code 1.0}), {@code REAL} likewise as a float, decimals as plain
 * decimals, booleans as {@code true}/{@code false}, SQL NULL as the empty string, anything else
 * (strings, timestamps) as the driver's {@link ResultSet#getString}.
 */
final class JdbcBiasRowSource extends SlottedBiasRowSource {
  private final String name;
  private final BiasColumns columns;
  private final ResultSet rows;
  private final AutoCloseable owner;

  /** For each slot (0 facet, 1 label, 2 predicted, 3 group), its 1-based column, or 0. */
  private final int[] columnOfSlot = new int[4];

  private final int[] typeOfSlot = new int[4];
  private boolean closed;

  private JdbcBiasRowSource(
      String name, BiasColumns columns, ResultSet rows, AutoCloseable owner, List<String> labels)
      throws SQLException {
    this.name = name;
    this.columns = columns;
    this.rows = rows;
    this.owner = owner;
    ResultSetMetaData meta = rows.getMetaData();
    int[] indexOfSlot = slotIndexes(columns, labels, name, "result");
    for (int slot = 0; slot < indexOfSlot.length; slot++) {
      int index = indexOfSlot[slot];
      if (index < 0) {
        continue;
      }
      columnOfSlot[slot] = index + 1;
      typeOfSlot[slot] = meta.getColumnType(index + 1);
    }
  }

  /**
   * Wraps {@code rows}; closing the source closes {@code owner} (which must close {@code rows}).
   *
   * @throws ValidationException if a column is missing from the result (then {@code owner} is
   *     closed)
   * @throws StorageException if the result's metadata cannot be read
   */
  static BiasRowSource open(String name, BiasColumns columns, ResultSet rows, AutoCloseable owner) {
    try {
      ResultSetMetaData meta = rows.getMetaData();
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        labels.add(meta.getColumnLabel(i));
      }
      return new JdbcBiasRowSource(name, columns, rows, owner, labels);
    } catch (SQLException e) {
      closeQuietly(owner, e);
      throw new StorageException("Cannot read " + name + ": " + QuiverSql.errorMessage(e), e);
    } catch (RuntimeException e) {
      closeQuietly(owner, e);
      throw e;
    }
  }

  @Override
  public BiasColumns columns() {
    return columns;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean next() {
    try {
      if (!rows.next()) {
        return false;
      }
      for (int slot = 0; slot < columnOfSlot.length; slot++) {
        if (columnOfSlot[slot] > 0) {
          values[slot] = text(rows, columnOfSlot[slot], typeOfSlot[slot]);
        }
      }
      return true;
    } catch (SQLException e) {
      throw new StorageException("Cannot read " + name + ": " + QuiverSql.errorMessage(e), e);
    }
  }

  /** The CSV text of one value; see the class comment. */
  static String text(ResultSet rows, int column, int sqlType) throws SQLException {
    String text =
        switch (sqlType) {
          case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
            long value = rows.getLong(column);
            yield rows.wasNull() ? null : Long.toString(value);
          }
          case Types.DOUBLE, Types.FLOAT -> {
            double value = rows.getDouble(column);
            yield rows.wasNull() ? null : Double.toString(value);
          }
          case Types.REAL -> {
            float value = rows.getFloat(column);
            yield rows.wasNull() ? null : Float.toString(value);
          }
          case Types.DECIMAL, Types.NUMERIC -> {
            BigDecimal value = rows.getBigDecimal(column);
            yield value == null ? null : value.toPlainString();
          }
          case Types.BOOLEAN, Types.BIT -> {
            boolean value = rows.getBoolean(column);
            yield rows.wasNull() ? null : Boolean.toString(value);
          }
          default -> rows.getString(column);
        };
    return text == null ? "" : text;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      owner.close();
    } catch (Exception e) {
      throw new StorageException("Cannot close " + name + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable owner, Exception failure) {
    try {
      owner.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
