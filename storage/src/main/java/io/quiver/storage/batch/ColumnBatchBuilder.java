package io.quiver.storage.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ColumnBatch} from boxed rows (staged rows, CSV files), so that in-memory rows
 * take the same path as Parquet files. Not thread-safe.
 */
public final class ColumnBatchBuilder {
  private final List<ColumnKind> kinds;
  private final List<@Nullable ColumnKind> elementKinds;
  private final List<@Nullable Object[]> rows = new ArrayList<>();

  /**
   * A builder of columns of {@code kinds}.
   *
   * @throws IllegalArgumentException if a kind is {@link ColumnKind#LIST}, whose element kind a
   *     boxed row does not tell (use {@link #ColumnBatchBuilder(List, List)})
   */
  public ColumnBatchBuilder(List<ColumnKind> kinds) {
    this(kinds, Collections.nCopies(kinds.size(), null));
  }

  /**
   * A builder of columns of {@code kinds}; a LIST column's values are {@link List}s of boxed
   * elements of its entry in {@code elementKinds} (null for the other columns).
   *
   * @throws IllegalArgumentException if the lists differ in size, or a LIST column has no scalar
   *     element kind
   */
  public ColumnBatchBuilder(List<ColumnKind> kinds, List<@Nullable ColumnKind> elementKinds) {
    if (kinds.size() != elementKinds.size()) {
      throw new IllegalArgumentException(
          "elementKinds: " + elementKinds.size() + " (expected: " + kinds.size() + ", as kinds)");
    }
    for (int c = 0; c < kinds.size(); c++) {
      ColumnKind element = elementKinds.get(c);
      if (kinds.get(c) == ColumnKind.LIST && (element == null || element == ColumnKind.LIST)) {
        throw new IllegalArgumentException(
            "kinds: "
                + kinds
                + ", elementKinds: "
                + elementKinds
                + " (expected: a scalar element kind for each LIST column)");
      }
    }
    this.kinds = List.copyOf(kinds);
    this.elementKinds = Collections.unmodifiableList(new ArrayList<>(elementKinds));
  }

  /**
   * Adds a row: per column a Long (LONG, TIMESTAMP_MICROS), Double, String, Boolean, a List of
   * those (LIST), or null.
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
      ColumnKind element = elementKinds.get(c);
      vectors.add(
          element == null ? scalars(c, kinds.get(c), rows.size()) : lists(c, element, rows.size()));
    }
    return new ColumnBatch(rows.size(), vectors);
  }

  private ColumnVector scalars(int c, ColumnKind kind, int size) {
    ColumnVector v = new ColumnVector(kind, size);
    for (int r = 0; r < size; r++) {
      set(v, r, rows.get(r)[c]);
    }
    return v;
  }

  private ColumnVector lists(int c, ColumnKind elementKind, int size) {
    int total = 0;
    for (int r = 0; r < size; r++) {
      if (rows.get(r)[c] instanceof List<?> list) {
        total += list.size();
      }
    }
    ColumnVector v = ColumnVector.list(elementKind, size, total);
    int next = 0;
    for (int r = 0; r < size; r++) {
      if (!(rows.get(r)[c] instanceof List<?> list)) {
        v.setNull(r);
        continue;
      }
      for (Object element : list) {
        set(v.elements(), next++, element);
      }
      v.setListEnd(r, next);
    }
    return v;
  }

  private static void set(ColumnVector v, int r, @Nullable Object value) {
    if (value == null) {
      v.setNull(r);
      return;
    }
    switch (v.kind()) {
      case LONG, TIMESTAMP_MICROS -> v.setLong(r, ((Number) value).longValue());
      case DOUBLE -> v.setDouble(r, ((Number) value).doubleValue());
      case STRING -> v.setString(r, value.toString());
      case BOOLEAN -> v.setLong(r, Boolean.TRUE.equals(value) ? 1 : 0);
      case LIST -> throw new IllegalStateException("A LIST element cannot be a list");
    }
  }
}
