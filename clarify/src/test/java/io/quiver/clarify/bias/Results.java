package io.quiver.clarify.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;

/** Test helpers to find and check metric values. */
public final class Results {
  public static final double TOLERANCE = 1e-6;

  private Results() {}

  /** The result of one metric of one facet entry. */
  public static MetricResult result(FacetBias facet, Metric metric) {
    return Stream.concat(facet.preTraining().stream(), facet.postTraining().stream())
        .filter(r -> r.metric() == metric)
        .findFirst()
        .orElseThrow(() -> new AssertionError(metric + " not computed"));
  }

  /** The value of one metric; fails if it has an error. */
  public static double value(FacetBias facet, Metric metric) {
    MetricResult r = result(facet, metric);
    assertThat(r.error()).as("%s error", metric).isNull();
    return r.value();
  }

  /** Asserts a metric value to within 1e-6 (exactly for infinities). */
  public static void assertMetric(FacetBias facet, Metric metric, double expected) {
    double actual = value(facet, metric);
    if (Double.isInfinite(expected)) {
      assertThat(actual).as(metric.name()).isEqualTo(expected);
    } else {
      assertThat(actual).as(metric.name()).isCloseTo(expected, within(TOLERANCE));
    }
  }

  /** The facet entry with the given value_or_threshold. */
  public static FacetBias facet(BiasAnalysis analysis, String valueOrThreshold) {
    return analysis.facets().stream()
        .filter(f -> f.valueOrThreshold().equals(valueOrThreshold))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no facet entry " + valueOrThreshold));
  }

  /** The only facet entry. */
  public static FacetBias only(BiasAnalysis analysis) {
    List<FacetBias> facets = analysis.facets();
    assertThat(facets).hasSize(1);
    return facets.get(0);
  }
}
