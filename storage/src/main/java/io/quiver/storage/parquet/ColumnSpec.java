package io.quiver.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnKind;

/**
 * A column to read: its name in the file and how to hold it.
 *
 * @param name the top-level field name
 * @param kind the in-memory representation
 */
public record ColumnSpec(String name, ColumnKind kind) {
  /** Checks the parts. */
  public ColumnSpec {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
  }
}
