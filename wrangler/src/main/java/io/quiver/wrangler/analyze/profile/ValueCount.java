package io.quiver.wrangler.analyze.profile;

import static java.util.Objects.requireNonNull;

/**
 * How often a value occurs in a column.
 *
 * @param value the value as text (numbers in their shortest exact form, times as ISO-8601 UTC)
 * @param count its count: exact if the column's counts are exact, else the sketch's estimate
 */
public record ValueCount(String value, long count) {
  /** Checks the parts. */
  public ValueCount {
    requireNonNull(value, "value");
  }
}
