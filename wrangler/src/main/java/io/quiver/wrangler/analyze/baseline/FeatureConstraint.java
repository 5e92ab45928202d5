package io.quiver.wrangler.analyze.baseline;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One feature of {@code constraints.json}.
 *
 * @param name the feature (column) name
 * @param inferredType the type its values must have: {@code Integral}, {@code Fractional}, {@code
 *     String} or {@code Unknown}
 * @param completeness the least share of present values, 0 to 1
 * @param nonNegative whether values must not be negative, or null for no such constraint
 * @param domains the values a String feature may take, or null for any
 */
public record FeatureConstraint(
    String name,
    String inferredType,
    double completeness,
    @Nullable Boolean nonNegative,
    @Nullable List<String> domains) {

  /** Checks and copies the parts. */
  public FeatureConstraint {
    requireNonNull(name, "name");
    requireNonNull(inferredType, "inferredType");
    if (!(completeness >= 0 && completeness <= 1)) {
      throw new IllegalArgumentException(
          "completeness of " + name + ": " + completeness + " (expected: 0 to 1)");
    }
    domains = domains == null ? null : List.copyOf(domains);
  }
}
