package io.quiver.clarify.bias;

import static io.quiver.clarify.bias.Results.assertMetric;
import static io.quiver.clarify.bias.Results.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Vector A of {@code shared/clarify-metrics.md} section 4: every listed value to 1e-6. */
class WorkedExampleTest {
  /** The ten rows of vector A. */
  static final Table VECTOR_A =
      Table.of(
          "facet,y,yhat,group",
          "M,1,1,A",
          "M,1,1,A",
          "M,1,0,A",
          "M,1,1,A",
          "M,0,1,B",
          "M,0,0,B",
          "F,1,1,A",
          "F,0,0,A",
          "F,0,1,B",
          "F,0,0,B");

  static BiasConfig config() {
    return BiasConfig.builder()
        .label("y", ValueSelector.anyOf("1"))
        .facet("facet", ValueSelector.anyOf("F"))
        .predictedLabel("yhat")
        .groupVariable("group")
        .build();
  }

  @Test
  void preTrainingMetricsMatchTheWorkedExample() {
    FacetBias f = only(VECTOR_A.analyze(config()));
    assertMetric(f, Metric.CI, 0.2);
    assertMetric(f, Metric.DPL, 5.0 / 12);
    assertMetric(f, Metric.KL, (1.0 / 3) * Math.log(4.0 / 9) + (2.0 / 3) * Math.log(8.0 / 3));
    assertMetric(f, Metric.KL, 0.383576);
    assertMetric(
        f,
        Metric.JS,
        0.5
            * ((1.0 / 3) * Math.log(8.0 / 13)
                + (2.0 / 3) * Math.log(16.0 / 11)
                + 0.75 * Math.log(18.0 / 13)
                + 0.25 * Math.log(6.0 / 11)));
    assertMetric(f, Metric.JS, 0.090246);
    assertMetric(f, Metric.LP, 5 * Math.sqrt(2) / 12);
    assertMetric(f, Metric.LP, 0.589256);
    assertMetric(f, Metric.TVD, 5.0 / 12);
    assertMetric(f, Metric.KS, 5.0 / 12);
    assertMetric(f, Metric.CDDL, 0.68);
  }

  @Test
  void postTrainingMetricsMatchTheWorkedExample() {
    FacetBias f = only(VECTOR_A.analyze(config()));
    assertMetric(f, Metric.DPPL, 1.0 / 6);
    assertMetric(f, Metric.DI, 0.75);
    assertMetric(f, Metric.DCA, 0.5);
    assertMetric(f, Metric.DCR, 0.5);
    assertMetric(f, Metric.RD, -0.25);
    assertMetric(f, Metric.SD, 1.0 / 6);
    assertMetric(f, Metric.DAR, 0.25);
    assertMetric(f, Metric.DRR, 0.5);
    assertMetric(f, Metric.AD, -1.0 / 12);
    assertMetric(f, Metric.TE, -1.0);
    assertMetric(f, Metric.CDDPL, 0.15);
    assertMetric(f, Metric.GE, 29.0 / 242);
    assertMetric(f, Metric.GE, 0.119835);
  }

  @Test
  void unconditionedDemographicDisparityIsCddWithOneStratum() {
    Table constantGroup =
        Table.of(
            "facet,y,g",
            "M,1,x",
            "M,1,x",
            "M,1,x",
            "M,1,x",
            "M,0,x",
            "M,0,x",
            "F,1,x",
            "F,0,x",
            "F,0,x",
            "F,0,x");
    BiasConfig config =
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .facet("facet", ValueSelector.anyOf("F"))
            .groupVariable("g")
            .build();
    assertMetric(only(constantGroup.analyze(config)), Metric.CDDL, 3.0 / 5 - 1.0 / 5);
  }

  @Test
  void groupSummariesCountRowsAndPositives() {
    FacetBias f = only(VECTOR_A.analyze(config()));
    assertThat(f.valueOrThreshold()).isEqualTo("F");
    assertThat(f.sensitive()).isEqualTo(new GroupSummary(4, 1, 2));
    assertThat(f.rest()).isEqualTo(new GroupSummary(6, 4, 4));
  }

  @Test
  void metricsAreListedByNameAsClarifyDoes() {
    FacetBias f = only(VECTOR_A.analyze(config()));
    assertThat(f.preTraining())
        .extracting(r -> r.metric().name())
        .containsExactly("CDDL", "CI", "DPL", "JS", "KL", "KS", "LP", "TVD");
    assertThat(f.postTraining())
        .extracting(r -> r.metric().name())
        .containsExactly(
            "AD", "CDDPL", "DAR", "DCA", "DCR", "DI", "DPPL", "DRR", "GE", "RD", "SD", "TE");
  }
}
