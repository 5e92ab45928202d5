package io.quiver.wrangler.schema;

import static java.util.Objects.requireNonNull;

/**
 * A sampled row that does not fit the inferred definition, and why.
 *
 * @param position where the row is: {@code file:line}, or {@code file: row N}
 * @param problem the first value that does not fit, for example {@code amount 'n/a' is not
 *     Fractional}
 */
public record UnfitRow(String position, String problem) {
  /** Checks that both parts are present. */
  public UnfitRow {
    requireNonNull(position, "position");
    requireNonNull(problem, "problem");
  }

  /** {@code position: problem}. */
  @Override
  public String toString() {
    return position + ": " + problem;
  }
}
