package io.quiver.clarify.bias;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of a bias analysis: per evaluated facet value, its group counts and metrics. Written
 * as Clarify's {@code analysis.json} by {@code io.quiver.clarify.bias.report.AnalysisJson}.
 *
 * @param config what was analysed
 * @param labelValueOrThreshold the positive label values as {@code 1} or {@code 1,2}, or the
 *     threshold interval as {@code (0.5, 1.0]}, spelled like Clarify's {@code
 *     label_value_or_threshold}
 * @param rows number of rows analysed
 * @param facets one entry per evaluated sensitive group, in order of first appearance
 * @param rowsSkipped rows left out for a missing value ({@link MissingValues#SKIP}), not in {@code
 *     rows}
 */
public record BiasAnalysis(
    BiasConfig config,
    String labelValueOrThreshold,
    long rows,
    List<FacetBias> facets,
    long rowsSkipped) {

  /** Copies the list. */
  public BiasAnalysis {
    requireNonNull(config, "config");
    requireNonNull(labelValueOrThreshold, "labelValueOrThreshold");
    facets = List.copyOf(facets);
  }

  /** Whether post-training metrics were computed (a predicted-label column was given). */
  public boolean hasPostTraining() {
    return config.columns().predictedLabel() != null;
  }
}
