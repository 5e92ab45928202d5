package io.quiver.wrangler.analyze.insight;

import java.util.List;

/**
 * Target leakage: how well each feature alone predicts the target, cross-validated. A score near 1
 * suggests the feature leaks the target (it is known only with, or after, the target).
 *
 * @param target the target column
 * @param metric {@code roc_auc} (classification, 0.5 is uninformative) or {@code r2} (regression)
 * @param rows the sampled rows used
 * @param scores per feature, best first
 */
public record LeakageReport(String target, String metric, int rows, List<FeatureScore> scores) {
  /** A score at or above this flags a feature as a leakage suspect. */
  public static final double SUSPECT = 0.95;

  /** Copies the scores. */
  public LeakageReport {
    scores = List.copyOf(scores);
  }

  /** The features scoring at least {@link #SUSPECT}. */
  public List<String> suspects() {
    return scores.stream().filter(s -> s.score() >= SUSPECT).map(FeatureScore::feature).toList();
  }
}
