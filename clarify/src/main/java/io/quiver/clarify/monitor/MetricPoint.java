package io.quiver.clarify.monitor;

import static java.util.Objects.requireNonNull;

/**
 * One checked value of one window, with the band the baseline allows.
 *
 * @param metric the metric ({@code DPPL}, {@code drift_distance}, {@code completeness})
 * @param subject what it measures: {@code sex=F} (a facet value) or a feature name
 * @param value the window's value (may be infinite)
 * @param lower the least value allowed (may be negative infinity)
 * @param upper the largest value allowed (may be infinity)
 */
public record MetricPoint(String metric, String subject, double value, double lower, double upper) {
  /** Checks the parts. */
  public MetricPoint {
    requireNonNull(metric, "metric");
    requireNonNull(subject, "subject");
  }

  /** Whether the value lies outside the band. */
  public boolean violated() {
    return value < lower || value > upper;
  }

  /** {@code metric subject}, the series' name in charts. */
  public String series() {
    return metric + " " + subject;
  }
}
