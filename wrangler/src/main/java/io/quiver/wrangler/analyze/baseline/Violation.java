package io.quiver.wrangler.analyze.baseline;

import static java.util.Objects.requireNonNull;

/**
 * One entry of {@code constraint_violations.json}.
 *
 * @param featureName the feature that broke a constraint
 * @param checkType {@code data_type_check}, {@code completeness_check}, {@code
 *     baseline_drift_check}, {@code missing_column_check}, {@code extra_column_check}, {@code
 *     categorical_values_check}, or Quiver's {@code non_negative_check}
 * @param description what was expected and what was seen
 */
public record Violation(String featureName, String checkType, String description) {
  /** Checks the parts. */
  public Violation {
    requireNonNull(featureName, "featureName");
    requireNonNull(checkType, "checkType");
    requireNonNull(description, "description");
  }
}
