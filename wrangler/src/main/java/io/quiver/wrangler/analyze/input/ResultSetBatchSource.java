package io.quiver.wrangler.analyze.input;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.source.SourceException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/** A JDBC result gathered into batches, one caller at a time. Thread-safe. */
final class ResultSetBatchSource implements BatchSource {
  private final String name;
  private final ResultSet result;
  private final @Nullable AutoCloseable owner;
  private final List<AnalysisColumn> columns;
  private final AtomicLongArray invalid;
  private long nextRow;
  private boolean done;
  private boolean closed;

  private ResultSetBatchSource(
      String name, ResultSet result, @Nullable AutoCloseable owner, List<AnalysisColumn> columns) {
    this.name = name;
    this.result = result;
    this.owner = owner;
    this.columns = List.copyOf(columns);
    this.invalid = new AtomicLongArray(columns.size());
  }

  static ResultSetBatchSource open(String name, ResultSet result, @Nullable AutoCloseable owner) {
    try {
      ResultSetMetaData meta = result.getMetaData();
      List<AnalysisColumn> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(new AnalysisColumn(meta.getColumnLabel(i), kindOf(meta.getColumnType(i))));
      }
      return new ResultSetBatchSource(name, result, owner, columns);
    } catch (SQLException e) {
      throw new SourceException("Cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private static ColumnKind kindOf(int sqlType) {
    return switch (sqlType) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ColumnKind.LONG;
      case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL, Types.NUMERIC -> ColumnKind.DOUBLE;
      case Types.BOOLEAN, Types.BIT -> ColumnKind.BOOLEAN;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE ->
          ColumnKind.TIMESTAMP_MICROS;
      default -> ColumnKind.STRING;
    };
  }

  @Override
  public List<AnalysisColumn> columns() {
    return columns;
  }

  @Override
  public synchronized @Nullable SourceBatch next() {
    if (done) {
      return null;
    }
    List<@Nullable Object[]> rows = new ArrayList<>();
    try {
      while (rows.size() < RowBatchSource.BATCH_ROWS) {
        if (!result.next()) {
          done = true;
          break;
        }
        Object[] row = new Object[columns.size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = result.getObject(c + 1);
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      throw new SourceException(
          "Cannot read " + name + " after row " + (nextRow + rows.size()) + ": " + e.getMessage(),
          e);
    }
    if (rows.isEmpty()) {
      return null;
    }
    List<ColumnVector> vectors = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      ColumnVector vector = new ColumnVector(columns.get(c).kind(), rows.size());
      for (int r = 0; r < rows.size(); r++) {
        if (!BoxedValues.store(vector, r, rows.get(r)[c])) {
          invalid.incrementAndGet(c);
        }
      }
      vectors.add(vector);
    }
    SourceBatch batch = new SourceBatch(nextRow, new ColumnBatch(rows.size(), vectors));
    nextRow += rows.size();
    return batch;
  }

  @Override
  public double fractionRead() {
    return Double.NaN;
  }

  @Override
  public long invalidValues(int column) {
    return invalid.get(column);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      result.close();
      if (owner != null) {
        owner.close();
      }
    } catch (Exception e) {
      throw new SourceException("Cannot close " + name + ": " + e.getMessage(), e);
    }
  }
}
