package io.quiver.clarify.bias;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One metric's outcome for one facet value: a value, or the reason it is undefined (as smclarify
 * reports a metric that raised, for example CDDL without a group variable).
 *
 * @param metric the metric
 * @param value the value (may be infinite), or NaN when {@code error} is set
 * @param error why the metric has no value, or {@code null}
 */
public record MetricResult(Metric metric, double value, @Nullable String error) {

  /** Checks that exactly one of value and error is given. */
  public MetricResult {
    requireNonNull(metric, "metric");
    if (error == null && Double.isNaN(value)) {
      throw new IllegalArgumentException(
          "value: NaN for " + metric + " (expected: a number or an error)");
    }
    if (error != null && !Double.isNaN(value)) {
      throw new IllegalArgumentException("value: " + value + " with error (expected: NaN)");
    }
  }

  /** A computed value. */
  public static MetricResult of(Metric metric, double value) {
    return new MetricResult(metric, value, null);
  }

  /** An undefined metric with the reason. */
  public static MetricResult failed(Metric metric, String error) {
    return new MetricResult(metric, Double.NaN, requireNonNull(error, "error"));
  }

  /** Whether the metric has a value. */
  public boolean hasValue() {
    return error == null;
  }
}
