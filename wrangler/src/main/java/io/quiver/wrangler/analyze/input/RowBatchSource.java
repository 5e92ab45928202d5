package io.quiver.wrangler.analyze.input;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * The rows of an import source (CSV, JSON, ORC, S3 objects, JDBC) gathered into batches, one caller
 * at a time. Column kinds come from the first rows; a later value that does not fit is read as null
 * and counted as invalid. JSON objects may lack keys (null) but columns first seen after the typing
 * sample are ignored. Thread-safe.
 */
final class RowBatchSource implements BatchSource {
  static final int BATCH_ROWS = 16_384;

  private final ImportSource rows;
  private final List<AnalysisColumn> columns;
  private final Map<String, Integer> index = new HashMap<>();
  private final AtomicLongArray invalid;
  private long nextRow;
  private boolean done;

  private RowBatchSource(ImportSource rows, List<AnalysisColumn> columns) {
    this.rows = rows;
    this.columns = List.copyOf(columns);
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i).name(), i);
    }
    this.invalid = new AtomicLongArray(columns.size());
  }

  static RowBatchSource open(ImportSource rows, int typingRows) {
    if (typingRows < 1) {
      throw new IllegalArgumentException("typingRows: " + typingRows + " (expected: >= 1)");
    }
    try {
      List<SourceRow> sample = rows.peek(typingRows);
      List<String> names = new ArrayList<>(rows.columns());
      for (SourceRow row : sample) {
        for (String name : row.names()) {
          if (!names.contains(name)) {
            names.add(name);
          }
        }
      }
      List<AnalysisColumn> columns = new ArrayList<>();
      for (String name : names) {
        List<@Nullable Object> values = new ArrayList<>();
        for (SourceRow row : sample) {
          int at = row.names().indexOf(name);
          values.add(at < 0 ? null : row.values().get(at));
        }
        columns.add(new AnalysisColumn(name, BoxedValues.kindOf(values, rows.textual())));
      }
      return new RowBatchSource(rows, columns);
    } catch (RuntimeException e) {
      rows.close();
      throw e;
    }
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
    List<SourceRow> buffered = new ArrayList<>(Math.min(BATCH_ROWS, 1024));
    while (buffered.size() < BATCH_ROWS) {
      SourceRow row = rows.next();
      if (row == null) {
        done = true;
        break;
      }
      buffered.add(row);
    }
    if (buffered.isEmpty()) {
      return null;
    }
    List<ColumnVector> vectors = new ArrayList<>();
    for (AnalysisColumn column : columns) {
      vectors.add(new ColumnVector(column.kind(), buffered.size()));
    }
    for (int r = 0; r < buffered.size(); r++) {
      SourceRow row = buffered.get(r);
      boolean[] seen = new boolean[columns.size()];
      for (int i = 0; i < row.names().size(); i++) {
        Integer c = index.get(row.names().get(i));
        if (c == null) {
          continue;
        }
        seen[c] = true;
        if (!BoxedValues.store(vectors.get(c), r, row.values().get(i))) {
          invalid.incrementAndGet(c);
        }
      }
      for (int c = 0; c < seen.length; c++) {
        if (!seen[c]) {
          vectors.get(c).setNull(r);
        }
      }
    }
    SourceBatch batch = new SourceBatch(nextRow, new ColumnBatch(buffered.size(), vectors));
    nextRow += buffered.size();
    return batch;
  }

  @Override
  public double fractionRead() {
    return rows.fractionRead();
  }

  @Override
  public long invalidValues(int column) {
    return invalid.get(column);
  }

  @Override
  public void close() {
    rows.close();
  }
}
