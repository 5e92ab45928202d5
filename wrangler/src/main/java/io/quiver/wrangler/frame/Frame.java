package io.quiver.wrangler.frame;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of a flow's rows: a {@link ColumnBatch} with the {@link Schema} naming and typing its
 * columns. Immutable once built (its vectors are read-only when handed on).
 *
 * @param schema the columns' names and types, one per vector
 * @param batch the values
 */
public record Frame(Schema schema, ColumnBatch batch) {
  /**
   * Checks that the schema and the batch agree.
   *
   * @throws IllegalArgumentException if they have different numbers of columns or kinds
   */
  public Frame {
    requireNonNull(schema, "schema");
    requireNonNull(batch, "batch");
    if (schema.size() != batch.columns().size()) {
      throw new IllegalArgumentException(
          "batch: " + batch.columns().size() + " columns (expected: " + schema.size() + ")");
    }
    for (int i = 0; i < schema.size(); i++) {
      if (schema.column(i).type().kind() != batch.column(i).kind()) {
        throw new IllegalArgumentException(
            "batch: column "
                + schema.column(i).name()
                + " holds "
                + batch.column(i).kind()
                + " (expected: "
                + schema.column(i).type().kind()
                + ")");
      }
    }
  }

  /** An empty frame of {@code schema}. */
  public static Frame empty(Schema schema) {
    List<ColumnVector> vectors = new ArrayList<>();
    for (Column column : schema.columns()) {
      vectors.add(ColumnWriter.of(column.type(), 0).finish());
    }
    return new Frame(schema, new ColumnBatch(0, vectors));
  }

  /** The number of rows. */
  public int rowCount() {
    return batch.rowCount();
  }

  /** The vector of the {@code i}-th column. */
  public ColumnVector vector(int i) {
    return batch.column(i);
  }
}
