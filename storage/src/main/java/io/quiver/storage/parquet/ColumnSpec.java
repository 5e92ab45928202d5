package io.quiver.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnKind;
import org.jspecify.annotations.Nullable;

/**
 * A column to read: its name in the file and how to hold it.
 *
 * @param name the top-level field name
 * @param kind the in-memory representation
 * @param elementKind for a {@link ColumnKind#LIST} column, the kind of its elements; else null
 */
public record ColumnSpec(String name, ColumnKind kind, @Nullable ColumnKind elementKind) {
  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if a LIST lacks its element kind, a scalar has one, or the
   *     element kind is itself LIST
   */
  public ColumnSpec {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    if ((kind == ColumnKind.LIST) != (elementKind != null) || elementKind == ColumnKind.LIST) {
      throw new IllegalArgumentException(
          "column "
              + name
              + ": kind "
              + kind
              + ", element kind "
              + elementKind
              + " (expected: an element kind, not LIST, for LIST columns only)");
    }
  }

  /** A scalar column. */
  public ColumnSpec(String name, ColumnKind kind) {
    this(name, kind, null);
  }

  /** A LIST column (a Parquet LIST) of {@code elementKind} values. */
  public static ColumnSpec list(String name, ColumnKind elementKind) {
    return new ColumnSpec(name, ColumnKind.LIST, elementKind);
  }
}
