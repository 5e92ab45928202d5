package io.quiver.wrangler.analyze.insight;

import static java.util.Objects.requireNonNull;

/**
 * A warning of the data quality and insights report.
 *
 * @param severity {@code high}, {@code medium} or {@code low}
 * @param kind what is wrong: {@code missing}, {@code constant}, {@code high_cardinality}, {@code
 *     skew}, {@code outliers}, {@code duplicates}, {@code invalid} or {@code leakage}
 * @param column the column concerned, or empty for the dataset
 * @param message what was found and why it matters
 */
public record Warning(String severity, String kind, String column, String message) {
  /** Checks the parts. */
  public Warning {
    requireNonNull(severity, "severity");
    requireNonNull(kind, "kind");
    requireNonNull(column, "column");
    requireNonNull(message, "message");
  }
}
