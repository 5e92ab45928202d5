package io.quiver.wrangler.analyze.input;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnKind;

/**
 * A column of a dataset under analysis: its name and how its values are held.
 *
 * @param name the column name
 * @param kind the in-memory kind of its values
 */
public record AnalysisColumn(String name, ColumnKind kind) {
  /** Checks the parts. */
  public AnalysisColumn {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
  }
}
