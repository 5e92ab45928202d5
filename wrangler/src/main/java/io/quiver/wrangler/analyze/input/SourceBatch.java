package io.quiver.wrangler.analyze.input;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnBatch;

/**
 * One batch of a dataset with the position of its first row in the whole dataset, which is the same
 * on every run whatever thread reads the batch.
 *
 * @param firstRow the 0-based number of the batch's first row in the dataset
 * @param batch the rows, one vector per column of the source, in the source's column order
 */
public record SourceBatch(long firstRow, ColumnBatch batch) {
  /** Checks the parts. */
  public SourceBatch {
    requireNonNull(batch, "batch");
    if (firstRow < 0) {
      throw new IllegalArgumentException("firstRow: " + firstRow + " (expected: >= 0)");
    }
  }
}
