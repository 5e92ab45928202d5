package io.quiver.clarify.monitor;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a window's {@code constraint_violations.json}.
 *
 * @param subject the feature, or the facet and value as {@code sex=F}
 * @param metric the bias metric's short name, or the feature for data quality
 * @param checkType {@code bias_drift_check}, or a data-quality check such as {@code
 *     baseline_drift_check}
 * @param description what was expected and what was seen
 */
public record MonitorViolation(
    String subject, String metric, String checkType, String description) {
  /** Checks the parts. */
  public MonitorViolation {
    requireNonNull(subject, "subject");
    requireNonNull(metric, "metric");
    requireNonNull(checkType, "checkType");
    requireNonNull(description, "description");
  }
}
