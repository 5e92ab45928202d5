package io.quiver.clarify.bias;

import java.util.List;

/**
 * The post-training metrics of one {@link FacetSplit}, sorted by name as Clarify lists them, with
 * smclarify's division convention: 0/0 = 0, x/0 = +infinity, and a difference of two +infinity
 * ratios = 0.
 */
final class PostTrainingMetrics {
  static final String ALL_FALSE_NEGATIVES =
      "All predicted labels are false negatives. There should be at least one prediction that is"
          + " not false negative.";

  private PostTrainingMetrics() {}

  static List<MetricResult> compute(FacetSplit split) {
    GroupCounts a = split.a();
    GroupCounts d = split.d();
    double qa = (double) a.predictedPositives() / a.rows();
    double qd = (double) d.predictedPositives() / d.rows();
    return List.of(
        MetricResult.of(
            Metric.AD, ratio(a.tp() + a.tn(), a.rows()) - ratio(d.tp() + d.tn(), d.rows())),
        ConditionalDisparity.of(Metric.CDDPL, split, ConditionalDisparity.Outcome.PREDICTION),
        MetricResult.of(
            Metric.DAR,
            difference(
                ratio(a.tp(), a.predictedPositives()), ratio(d.tp(), d.predictedPositives()))),
        MetricResult.of(
            Metric.DCA,
            difference(
                ratio(a.labelPositives(), a.predictedPositives()),
                ratio(d.labelPositives(), d.predictedPositives()))),
        MetricResult.of(
            Metric.DCR,
            difference(
                ratio(d.labelNegatives(), d.predictedNegatives()),
                ratio(a.labelNegatives(), a.predictedNegatives()))),
        MetricResult.of(Metric.DI, divide(qd, qa)),
        MetricResult.of(Metric.DPPL, qa - qd),
        MetricResult.of(
            Metric.DRR,
            difference(
                ratio(d.tn(), d.predictedNegatives()), ratio(a.tn(), a.predictedNegatives()))),
        generalizedEntropy(split.all()),
        MetricResult.of(
            Metric.RD, difference(ratio(a.tp(), a.tp() + a.fn()), ratio(d.tp(), d.tp() + d.fn()))),
        MetricResult.of(
            Metric.SD, difference(ratio(d.tn(), d.tn() + d.fp()), ratio(a.tn(), a.tn() + a.fp()))),
        MetricResult.of(Metric.TE, difference(ratio(d.fn(), d.fp()), ratio(a.fn(), a.fp()))));
  }

  /**
   * GE with alpha = 2 over all rows: b = prediction − label + 1 is 0 for a false negative, 1 for a
   * correct prediction, 2 for a false positive, so Σb and Σb² follow from the confusion matrix.
   */
  static MetricResult generalizedEntropy(GroupCounts all) {
    double n = all.rows();
    double sumB = all.tp() + all.tn() + 2.0 * all.fp();
    if (sumB == 0) {
      return MetricResult.failed(Metric.GE, ALL_FALSE_NEGATIVES);
    }
    double sumBSquared = all.tp() + all.tn() + 4.0 * all.fp();
    double mean = sumB / n;
    double alpha = 2;
    return MetricResult.of(
        Metric.GE, (sumBSquared / (mean * mean) - n) / (n * alpha * (alpha - 1)));
  }

  /** smclarify's {@code divide}: 0/0 = 0, x/0 = ±infinity. */
  static double divide(double a, double b) {
    if (b == 0) {
      return a == 0 ? 0 : a < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return a / b;
  }

  private static double ratio(long a, long b) {
    return divide(a, b);
  }

  /** x − y, but 0 when both are +infinity (smclarify's special case). */
  private static double difference(double x, double y) {
    if (x == Double.POSITIVE_INFINITY && y == Double.POSITIVE_INFINITY) {
      return 0;
    }
    return x - y;
  }
}
