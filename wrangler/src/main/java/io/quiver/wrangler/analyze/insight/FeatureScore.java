package io.quiver.wrangler.analyze.insight;

import static java.util.Objects.requireNonNull;

/**
 * A score of one feature: its leakage score or its importance.
 *
 * @param feature the column name
 * @param score the score
 */
public record FeatureScore(String feature, double score) {
  /** Checks the name. */
  public FeatureScore {
    requireNonNull(feature, "feature");
  }
}
