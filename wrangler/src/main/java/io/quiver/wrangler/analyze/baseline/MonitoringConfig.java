package io.quiver.wrangler.analyze.baseline;

import java.util.Locale;

/**
 * The {@code monitoring_config} of {@code constraints.json}: which checks run and their thresholds.
 *
 * @param evaluateConstraints whether constraints are checked at all
 * @param emitMetrics whether metrics are emitted (kept for SageMaker; Quiver emits none)
 * @param datatypeCheckThreshold a data type violation when more than this share of values is not of
 *     the baseline's type
 * @param domainContentThreshold a category violation when more than this share of values is outside
 *     the baseline's domain
 * @param performComparison whether distributions are compared with the baseline's
 * @param comparisonThreshold a drift violation when the distance between numerical distributions
 *     exceeds this
 * @param comparisonMethod {@code Simple} (the largest distance between the two distribution
 *     functions) or {@code Robust} (that distance less both sketches' rank errors)
 * @param categoricalComparisonThreshold a drift violation when the distance between categorical
 *     distributions exceeds this
 * @param categoricalDriftMethod {@code LInfinity} (the largest difference in a value's share)
 */
public record MonitoringConfig(
    boolean evaluateConstraints,
    boolean emitMetrics,
    double datatypeCheckThreshold,
    double domainContentThreshold,
    boolean performComparison,
    double comparisonThreshold,
    String comparisonMethod,
    double categoricalComparisonThreshold,
    String categoricalDriftMethod) {

  /** Checks the methods and thresholds. */
  public MonitoringConfig {
    if (!comparisonMethod.equals("Simple") && !comparisonMethod.equals("Robust")) {
      throw new IllegalArgumentException(
          "comparison_method: " + comparisonMethod + " (expected: Simple or Robust)");
    }
    if (!categoricalDriftMethod.equals("LInfinity")) {
      throw new IllegalArgumentException(
          "categorical_drift_method: "
              + categoricalDriftMethod
              + " (expected: LInfinity; ChiSquared is not supported)");
    }
    for (double threshold :
        new double[] {
          datatypeCheckThreshold,
          domainContentThreshold,
          comparisonThreshold,
          categoricalComparisonThreshold
        }) {
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "threshold: %s (expected: 0 to 1)", threshold));
      }
    }
  }

  /** SageMaker's defaults: every check on, thresholds 0.1, Robust and LInfinity comparison. */
  public static MonitoringConfig defaults() {
    return new MonitoringConfig(true, true, 0.1, 0.1, true, 0.1, "Robust", 0.1, "LInfinity");
  }
}
