package io.quiver.storage.batch;

import java.util.List;

/**
 * Columns read from one file, all of the same length, in the order they were requested.
 *
 * @param rowCount the number of rows
 * @param columns one vector per requested column
 */
public record ColumnBatch(int rowCount, List<ColumnVector> columns) {
  /** Copies the column list. */
  public ColumnBatch {
    columns = List.copyOf(columns);
  }

  /** The vector of the {@code i}-th requested column. */
  public ColumnVector column(int i) {
    return columns.get(i);
  }
}
