package io.quiver.clarify.bias;

/**
 * Conditional demographic disparity (CDDL on labels, CDDPL on predictions): CDD = (1/n) Σ_i n_i
 * DD_i with DD_i = d's share of stratum i's negatives minus d's share of its positives, a share
 * with a zero denominator counting as 0 (smclarify's {@code common.CDD}).
 */
final class ConditionalDisparity {
  static final String NO_GROUP_VARIABLE = "Group variable is empty or not provided";

  /** Which outcome CDD looks at. */
  enum Outcome {
    LABEL,
    PREDICTION;

    long positives(GroupCounts c) {
      return this == LABEL ? c.labelPositives() : c.predictedPositives();
    }

    long negatives(GroupCounts c) {
      return this == LABEL ? c.labelNegatives() : c.predictedNegatives();
    }
  }

  private ConditionalDisparity() {}

  static MetricResult of(Metric metric, FacetSplit split, Outcome outcome) {
    if (!split.hasGroupVariable()) {
      return MetricResult.failed(metric, NO_GROUP_VARIABLE);
    }
    GroupCounts all = split.all();
    if (outcome.positives(all) == 0) {
      return MetricResult.failed(metric, "No positive labels in set");
    }
    if (outcome.negatives(all) == 0) {
      return MetricResult.failed(metric, "No negative labels in set");
    }
    double weighted = 0;
    for (FacetSplit.Stratum stratum : split.strata()) {
      double rejected = share(outcome.negatives(stratum.d()), outcome.negatives(stratum.all()));
      double accepted = share(outcome.positives(stratum.d()), outcome.positives(stratum.all()));
      weighted += stratum.all().rows() * (rejected - accepted);
    }
    return MetricResult.of(metric, weighted / all.rows());
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
