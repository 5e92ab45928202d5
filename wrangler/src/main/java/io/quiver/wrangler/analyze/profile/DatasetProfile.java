package io.quiver.wrangler.analyze.profile;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The profile of a whole dataset: every column's profile, duplicate rows, and a uniform sample of
 * rows for the analyses that need whole rows.
 *
 * @param rows the number of rows
 * @param columns the column profiles, in the source's order
 * @param distinctRows the number of distinct rows: exact up to {@value RowDistinct#EXACT_LIMIT}
 *     distinct rows (rows compared by a 64-bit hash of their values), else an HLL estimate
 * @param sample a uniform sample of rows
 */
public record DatasetProfile(
    long rows, List<ColumnProfile> columns, DistinctCount distinctRows, RowSample sample) {
  /** Checks and copies the parts. */
  public DatasetProfile {
    columns = List.copyOf(columns);
    requireNonNull(distinctRows, "distinctRows");
    requireNonNull(sample, "sample");
  }

  /** The number of rows that repeat an earlier row, estimated when {@code distinctRows} is. */
  public long duplicateRows() {
    return Math.max(0, rows - distinctRows.rounded());
  }

  /** The share of duplicate rows, 0 to 1. */
  public double duplicateRatio() {
    return rows == 0 ? 0 : (double) duplicateRows() / rows;
  }

  /** The profile of column {@code name}. */
  public Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
