package io.quiver.storage.batch;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ColumnBatch} from boxed rows (staged rows, CSV files), so that in-memory rows
 * take the same path as Parquet files. Not thread-safe.
 */
public final class ColumnBatchBuilder {
  private final List<ColumnKind> kinds;
  private final List<@Nullable Object[]> rows = new ArrayList<>();

  /**
   * A builder of columns of {@code kinds}.
   *
   * @throws IllegalArgumentException if a kind is {@link ColumnKind#LIST}, whose element kind a
   *     boxed row does not tell
   */
  public ColumnBatchBuilder(List<ColumnKind> kinds) {
    if (kinds.contains(ColumnKind.LIST)) {
      throw new IllegalArgumentException(
          "kinds: "
              + kinds
              + " (expected: scalar kinds; build LIST vectors with ColumnVector.list)");
    }
    this.kinds = List.copyOf(kinds);
  }

  /**
   * Adds a row: per column a Long (LONG, TIMESTAMP_MICROS), Double, String, Boolean, or null.
   *
   * @throws IllegalArgumentException if the row has the wrong number of values
   */
  public ColumnBatchBuilder add(@Nullable Object... row) {
    if (row.length != kinds.size()) {
      throw new IllegalArgumentException(
          "row: " + row.length + " values (expected: " + kinds.size() + ")");
    }
    rows.add(row);
    return this;
  }

  /** The batch of the rows added so far. */
  public ColumnBatch build() {
    List<ColumnVector> vectors = new ArrayList<>();
    for (int c = 0; c < kinds.size(); c++) {
      ColumnKind kind = kinds.get(c);
      ColumnVector v = new ColumnVector(kind, rows.size());
      for (int r = 0; r < rows.size(); r++) {
        Object value = rows.get(r)[c];
        if (value == null) {
          v.setNull(r);
          continue;
        }
        switch (kind) {
          case LONG, TIMESTAMP_MICROS -> v.setLong(r, ((Number) value).longValue());
          case DOUBLE -> v.setDouble(r, ((Number) value).doubleValue());
          case STRING -> v.setString(r, value.toString());
          case BOOLEAN -> v.setLong(r, Boolean.TRUE.equals(value) ? 1 : 0);
        }
      }
      vectors.add(v);
    }
    return new ColumnBatch(rows.size(), vectors);
  }
}
