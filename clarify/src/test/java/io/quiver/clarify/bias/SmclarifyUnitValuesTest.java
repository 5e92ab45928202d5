package io.quiver.clarify.bias;

import static io.quiver.clarify.bias.Results.assertMetric;
import static io.quiver.clarify.bias.Results.facet;
import static io.quiver.clarify.bias.Results.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The expected values of smclarify's {@code tests/unit/bias/metrics/test_metrics.py}, on the same
 * data sets ({@code dfBinary}, {@code dfMulticategory}, {@code dfContinuous}, {@code DATASET_PDF},
 * the CDD and KL/JS/LP/KS vectors), fed through the same path a user takes.
 */
class SmclarifyUnitValuesTest {
  private static final String[] BINARY_FACET = {
    "M", "F", "F", "M", "F", "M", "F", "F", "M", "M", "F", "F"
  };
  private static final Integer[] BINARY_LABEL = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0};
  private static final Integer[] BINARY_PREDICTED = {1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0};

  /** smclarify's dfBinary with labels and predictions. */
  private static Table dfBinary(Integer[] predicted) {
    return Table.columns(new String[] {"x", "y", "yhat"}, BINARY_FACET, BINARY_LABEL, predicted);
  }

  private static BiasConfig binaryConfig(String sensitive) {
    return BiasConfig.builder()
        .label("y", ValueSelector.anyOf("1"))
        .facet("x", ValueSelector.anyOf(sensitive))
        .predictedLabel("yhat")
        .build();
  }

  private static FacetBias binary(String sensitive) {
    return only(dfBinary(BINARY_PREDICTED).analyze(binaryConfig(sensitive)));
  }

  /** A label vector and a boolean facet index, as smclarify's KL/JS/LP tests pass them. */
  private static FacetBias labelsAndIndex(Object[] labels, Object[] sensitive, String positive) {
    Table table = Table.columns(new String[] {"label", "d"}, labels, sensitive);
    return only(
        table.analyze(
            BiasConfig.builder()
                .label("label", ValueSelector.anyOf(positive))
                .facet("d", ValueSelector.anyOf("true"))
                .build()));
  }

  private static final Boolean[] TTTFFF = {true, true, true, false, false, false};
  private static final Boolean[] D_FIRST = {true, false, false, false, false, false};
  private static final Boolean[] D_FIRST_AND_FIFTH = {true, false, false, false, true, false};

  /** DATASET_PDF: x and a three-valued label; d = x in {a, c}, positive = label in {1, 2}. */
  private static final Table DATASET_PDF =
      Table.columns(
          new String[] {"x", "label"},
          new String[] {"a", "b", "b", "c", "a", "a", "b", "c", "b", "c", "b", "b"},
          new Integer[] {0, 0, 1, 1, 2, 1, 0, 1, 2, 2, 0, 2});

  private static FacetBias datasetPdf() {
    return only(
        DATASET_PDF.analyze(
            BiasConfig.builder()
                .label("label", ValueSelector.anyOf("1", "2"))
                .facet("x", ValueSelector.anyOf("a", "c"))
                .build()));
  }

  @Test
  void classImbalance() {
    assertMetric(binary("F"), Metric.CI, -1.0 / 6);
    assertMetric(binary("M"), Metric.CI, 1.0 / 6);

    Double[] continuous = {
      1.55255404,
      1.87128923,
      1.82640675,
      0.48706083,
      0.21833644,
      0.45007763,
      0.47457823,
      1.5346789,
      1.61042132,
      1.87130261,
      1.97768247,
      1.05499183
    };
    Table dfC = Table.columns(new String[] {"x", "y"}, continuous, BINARY_LABEL);
    FacetBias above =
        only(
            dfC.analyze(
                BiasConfig.builder()
                    .label("y", ValueSelector.anyOf("1"))
                    .facet("x", ValueSelector.above(1.0))
                    .build()));
    assertMetric(above, Metric.CI, -1.0 / 3);
    assertThat(above.valueOrThreshold()).isEqualTo("(1.0, 1.97768247]");

    String[] dfM = {
      "M", "O", "M", "M", "F", "O", "O", "F", "M", "M", "F", "F", "O", "F", "M", "F", "O", "F", "M",
      "M", "F", "F", "O", "O"
    };
    Integer[] anyLabel = new Integer[dfM.length];
    java.util.Arrays.fill(anyLabel, 1);
    BiasAnalysis oneVsAll =
        Table.columns(new String[] {"x", "y"}, dfM, anyLabel)
            .analyze(BiasConfig.builder().label("y", ValueSelector.anyOf("1")).facet("x").build());
    assertThat(oneVsAll.facets())
        .extracting(FacetBias::valueOrThreshold)
        .containsExactly("M", "O", "F");
    assertMetric(facet(oneVsAll, "M"), Metric.CI, 1.0 / 3);
    assertMetric(facet(oneVsAll, "F"), Metric.CI, 1.0 / 4);
    assertMetric(facet(oneVsAll, "O"), Metric.CI, 5.0 / 12);
  }

  @Test
  void differenceInProportionsOfLabelsOneVsAll() {
    BiasAnalysis res =
        Table.of("x,y", "a,1", "a,1", "b,0", "b,1")
            .analyze(BiasConfig.builder().label("y", ValueSelector.anyOf("1")).facet("x").build());
    assertThat(Results.value(facet(res, "a"), Metric.DPL)).isEqualTo(-0.5);
    assertThat(Results.value(facet(res, "b"), Metric.DPL)).isEqualTo(0.5);
  }

  @Test
  void kullbackLeibler() {
    assertMetric(labelsAndIndex(TTTFFF, D_FIRST, "true"), Metric.KL, -0.366516);
    assertThat(Results.value(labelsAndIndex(TTTFFF, D_FIRST_AND_FIFTH, "true"), Metric.KL))
        .isEqualTo(0.0);
    assertMetric(datasetPdf(), Metric.KL, 0.2938933);
  }

  @Test
  void jensenShannon() {
    assertMetric(labelsAndIndex(TTTFFF, D_FIRST, "true"), Metric.JS, 0.06641431438228168);
    assertThat(Results.value(labelsAndIndex(TTTFFF, D_FIRST_AND_FIFTH, "true"), Metric.JS))
        .isEqualTo(0.0);
    assertMetric(datasetPdf(), Metric.JS, 0.06465997);

    Boolean[] ttttff = {true, true, true, true, false, false};
    double[] pa = {0.5, 0.5};
    double[] pd = {0.25, 0.75};
    double[] p = {0.375, 0.625};
    double expected =
        0.5
            * (pa[0] * Math.log(pa[0] / p[0])
                + pa[1] * Math.log(pa[1] / p[1])
                + pd[0] * Math.log(pd[0] / p[0])
                + pd[1] * Math.log(pd[1] / p[1]));
    assertMetric(labelsAndIndex(ttttff, D_FIRST_AND_FIFTH, "true"), Metric.JS, expected);
  }

  @Test
  void lpNorm() {
    assertMetric(labelsAndIndex(TTTFFF, D_FIRST, "true"), Metric.LP, 0.6);
    assertThat(Results.value(labelsAndIndex(TTTFFF, D_FIRST_AND_FIFTH, "true"), Metric.LP))
        .isEqualTo(0.0);
    assertMetric(datasetPdf(), Metric.LP, 0.471404520);
  }

  @Test
  void kolmogorovSmirnov() {
    FacetBias small =
        only(
            Table.of("label,x", "1,a", "0,a", "0,b", "1,b", "1,b")
                .analyze(
                    BiasConfig.builder()
                        .label("label", ValueSelector.anyOf("1"))
                        .facet("x", ValueSelector.anyOf("b"))
                        .build()));
    assertMetric(small, Metric.KS, 0.16666666);
    // KS(DATASET_PDF["positive_label_index"], x != "b")
    assertMetric(datasetPdf(), Metric.KS, 0.33333333);
    // KS(DATASET_PDF["label"], x != "b") on the three raw label values 0, 1, 2
    LabelDistributions raw =
        LabelDistributions.align(
            new long[] {3, 1, 2}, new long[] {1, 3, 2}, LabelSupport.COMMON_NONZERO);
    assertThat(raw).isNotNull();
    assertThat(raw.ks()).isCloseTo(0.33333333, within(1e-6));
  }

  @Test
  void noCommonLabelValueMeansNoDistributionMetric() {
    assertThat(
            LabelDistributions.align(
                new long[] {3, 3}, new long[] {0, 0}, LabelSupport.COMMON_NONZERO))
        .isNull();
  }

  @Test
  void conditionalDemographicDisparity() {
    String[] x = {
      "M", "M", "M", "F", "F", "F", "F", "M", "M", "M", "M", "F", "M", "M", "F", "M", "F", "F", "M",
      "M", "F", "M", "M", "F"
    };
    Integer[] label = {0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0};
    Integer[] group = {1, 0, 2, 2, 1, 1, 2, 1, 1, 2, 0, 1, 2, 0, 1, 1, 1, 2, 0, 1, 0, 0, 1, 1};
    BiasAnalysis res =
        Table.columns(new String[] {"x", "y", "g"}, x, label, group)
            .analyze(
                BiasConfig.builder()
                    .label("y", ValueSelector.anyOf("1"))
                    .facet("x")
                    .groupVariable("g")
                    .build());
    assertMetric(facet(res, "F"), Metric.CDDL, 0.3982142857);
    assertMetric(facet(res, "M"), Metric.CDDL, -0.3982142857);
  }

  @Test
  void disparateImpact() {
    assertMetric(binary("F"), Metric.DI, 10.0 / 7);
    assertMetric(binary("M"), Metric.DI, 7.0 / 10);
    Integer[] zeroForM = {0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1};
    assertMetric(
        only(dfBinary(zeroForM).analyze(binaryConfig("F"))), Metric.DI, Double.POSITIVE_INFINITY);
  }

  @Test
  void conditionalAcceptanceAndRejection() {
    assertMetric(binary("F"), Metric.DCA, 1.0 / 4);
    assertMetric(binary("M"), Metric.DCA, -1.0 / 4);
    assertMetric(binary("F"), Metric.DCR, 1.0 / 3);
    assertMetric(binary("M"), Metric.DCR, -1.0 / 3);
  }

  @Test
  void recallSpecificityAccuracy() {
    assertMetric(binary("F"), Metric.RD, -2.0 / 3);
    assertMetric(binary("M"), Metric.RD, 2.0 / 3);
    assertMetric(binary("F"), Metric.SD, 1.0 / 6);
    assertMetric(binary("F"), Metric.AD, -13.0 / 35);
    assertMetric(binary("M"), Metric.AD, 13.0 / 35);
  }

  @Test
  void acceptanceAndRejectionRates() {
    assertMetric(binary("F"), Metric.DAR, -1.0 / 2);
    assertMetric(binary("M"), Metric.DAR, 1.0 / 2);
    assertMetric(binary("F"), Metric.DRR, 1.0 / 3);
    assertMetric(binary("M"), Metric.DRR, -1.0 / 3);
    Integer[] allMPositive = {1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1};
    assertMetric(only(dfBinary(allMPositive).analyze(binaryConfig("F"))), Metric.DRR, 0.5);
    assertMetric(only(dfBinary(allMPositive).analyze(binaryConfig("M"))), Metric.DRR, -0.5);
  }

  @Test
  void treatmentEquality() {
    assertMetric(binary("F"), Metric.TE, -1.0 / 2);
    assertMetric(binary("M"), Metric.TE, 1.0 / 2);
  }

  @Test
  void generalizedEntropy() {
    assertMetric(binary("F"), Metric.GE, 0.24556213);
    assertMetric(binary("M"), Metric.GE, 0.24556213);
  }
}
