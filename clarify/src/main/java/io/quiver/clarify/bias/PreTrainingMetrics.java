package io.quiver.clarify.bias;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The pre-training metrics of one {@link FacetSplit}, sorted by name as Clarify lists them. */
final class PreTrainingMetrics {
  private PreTrainingMetrics() {}

  static List<MetricResult> compute(FacetSplit split, LabelSupport support) {
    GroupCounts a = split.a();
    GroupCounts d = split.d();
    double na = a.rows();
    double nd = d.rows();
    LabelDistributions labels =
        LabelDistributions.align(
            new long[] {a.labelNegatives(), a.labelPositives()},
            new long[] {d.labelNegatives(), d.labelPositives()},
            support);
    return List.of(
        ConditionalDisparity.of(Metric.CDDL, split, ConditionalDisparity.Outcome.LABEL),
        MetricResult.of(Metric.CI, (na - nd) / (na + nd)),
        MetricResult.of(Metric.DPL, a.labelPositives() / na - d.labelPositives() / nd),
        distance(Metric.JS, labels),
        distance(Metric.KL, labels),
        distance(Metric.KS, labels),
        distance(Metric.LP, labels),
        distance(Metric.TVD, labels));
  }

  private static MetricResult distance(Metric metric, @Nullable LabelDistributions labels) {
    if (labels == null) {
      return MetricResult.failed(metric, LabelDistributions.NO_COMMON_VALUE);
    }
    double value =
        switch (metric) {
          case JS -> labels.js();
          case KL -> labels.kl();
          case KS -> labels.ks();
          case LP -> labels.lp();
          case TVD -> labels.tvd();
          default ->
              throw new IllegalArgumentException("metric: " + metric + " (expected: a distance)");
        };
    return MetricResult.of(metric, value);
  }
}
