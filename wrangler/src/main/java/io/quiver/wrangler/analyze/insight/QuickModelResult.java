package io.quiver.wrangler.analyze.insight;

import java.util.List;

/**
 * What the quick model learnt.
 *
 * @param target the target column
 * @param problem {@code classification} or {@code regression}
 * @param metric {@code f1} (macro-averaged over classes) or {@code mse}
 * @param score the metric on the test rows
 * @param trainRows rows trained on
 * @param testRows rows tested on
 * @param importances per feature, the drop in score when its values are shuffled, scaled to sum to
 *     1; most important first
 */
public record QuickModelResult(
    String target,
    String problem,
    String metric,
    double score,
    int trainRows,
    int testRows,
    List<FeatureScore> importances) {
  /** Copies the importances. */
  public QuickModelResult {
    importances = List.copyOf(importances);
  }
}
