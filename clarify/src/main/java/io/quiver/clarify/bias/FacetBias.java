package io.quiver.clarify.bias;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The metrics for one choice of sensitive group d: one facet value (one-vs-rest), a list of values,
 * or a threshold.
 *
 * @param valueOrThreshold the facet value(s) as {@code F} or {@code F,X}, or the threshold interval
 *     as {@code (40.0, 90.0]}, spelled like Clarify's {@code value_or_threshold}
 * @param sensitive counts of group d
 * @param rest counts of group a (every other row)
 * @param preTraining pre-training metrics, sorted by name as Clarify does
 * @param postTraining post-training metrics sorted by name; empty without a predicted label
 */
public record FacetBias(
    String valueOrThreshold,
    GroupSummary sensitive,
    GroupSummary rest,
    List<MetricResult> preTraining,
    List<MetricResult> postTraining) {

  /** Copies the lists. */
  public FacetBias {
    requireNonNull(valueOrThreshold, "valueOrThreshold");
    requireNonNull(sensitive, "sensitive");
    requireNonNull(rest, "rest");
    preTraining = List.copyOf(preTraining);
    postTraining = List.copyOf(postTraining);
  }
}
