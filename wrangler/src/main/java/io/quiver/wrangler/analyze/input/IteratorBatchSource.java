package io.quiver.wrangler.analyze.input;

import io.quiver.storage.batch.ColumnBatch;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Batches a caller already holds, handed out one caller at a time. Thread-safe. */
final class IteratorBatchSource implements BatchSource {
  private final List<AnalysisColumn> columns;
  private final Iterator<ColumnBatch> batches;
  private long nextRow;

  IteratorBatchSource(List<AnalysisColumn> columns, Iterator<ColumnBatch> batches) {
    this.columns = List.copyOf(columns);
    this.batches = batches;
  }

  @Override
  public List<AnalysisColumn> columns() {
    return columns;
  }

  @Override
  public synchronized @Nullable SourceBatch next() {
    if (!batches.hasNext()) {
      return null;
    }
    ColumnBatch batch = batches.next();
    if (batch.columns().size() != columns.size()) {
      throw new IllegalArgumentException(
          "batch: "
              + batch.columns().size()
              + " columns (expected: "
              + columns.size()
              + ", one per source column)");
    }
    SourceBatch numbered = new SourceBatch(nextRow, batch);
    nextRow += batch.rowCount();
    return numbered;
  }

  @Override
  public double fractionRead() {
    return Double.NaN;
  }

  @Override
  public void close() {}
}
