package io.quiver.clarify.bias;

import static io.quiver.clarify.bias.Results.assertMetric;
import static io.quiver.clarify.bias.Results.only;
import static io.quiver.clarify.bias.Results.result;
import static io.quiver.clarify.bias.Results.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Edge cases of the issue: empty groups, missing label values, thresholds, multi-class labels. */
class BiasEdgeCasesTest {
  private static final Table SMALL = Table.of("x,y", "M,1", "M,0", "F,0", "F,1");

  private static BiasConfig.Builder labelOne() {
    return BiasConfig.builder().label("y", ValueSelector.anyOf("1"));
  }

  @Test
  void facetValueWithNoRowsIsAnErrorNamingIt() {
    assertThatThrownBy(() -> SMALL.analyze(labelOne().facet("x", ValueSelector.anyOf("X")).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot compute bias for facet 'x': no row has the value 'X', so group d is empty");
  }

  @Test
  void facetValuesCoveringEveryRowLeaveGroupAEmpty() {
    assertThatThrownBy(
            () -> SMALL.analyze(labelOne().facet("x", ValueSelector.anyOf("M", "F")).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("every row has one of the values 'M,F'")
        .hasMessageContaining("group a (the other rows) is empty");
  }

  @Test
  void oneVsRestWithASingleFacetValueLeavesGroupAEmpty() {
    Table single = Table.of("x,y", "M,1", "M,0");
    assertThatThrownBy(() -> single.analyze(labelOne().facet("x").build()))
        .hasMessageContaining("every row has the value 'M'");
  }

  @Test
  void thresholdAboveEveryValueLeavesGroupDEmpty() {
    Table ages = Table.of("age,y", "30,1", "50,0");
    assertThatThrownBy(() -> ages.analyze(labelOne().facet("age", ValueSelector.above(60)).build()))
        .hasMessage(
            "Cannot compute bias for facet 'age': no row has a value above 60.0, so group d is"
                + " empty");
  }

  @Test
  void emptySourceIsAnError() {
    assertThatThrownBy(() -> Table.of("x,y").analyze(labelOne().facet("x").build()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("Cannot compute bias: table has no rows");
  }

  /** a has labels {0, 1} half and half; d has only 0. */
  private static final Table D_LACKS_POSITIVES =
      Table.of("x,y", "a,1", "a,1", "a,0", "a,0", "d,0", "d,0");

  private static FacetBias dLacksPositives(LabelSupport support) {
    return only(
        D_LACKS_POSITIVES.analyze(
            labelOne().facet("x", ValueSelector.anyOf("d")).labelSupport(support).build()));
  }

  @Test
  void labelValueMissingFromDInSmclarifyModeComparesTheCommonValueOnly() {
    FacetBias f = dLacksPositives(LabelSupport.COMMON_NONZERO);
    assertMetric(f, Metric.KL, 0.5 * Math.log(0.5)); // negative, as smclarify reports it
    assertMetric(f, Metric.JS, 0.5 * (0.5 * Math.log(0.5 / 0.75) + Math.log(1 / 0.75)));
    assertMetric(f, Metric.LP, 0.5);
    assertMetric(f, Metric.TVD, 0.25);
    assertMetric(f, Metric.KS, 0.5);
    assertMetric(f, Metric.DPL, 0.5); // counts, not distributions: unaffected
  }

  @Test
  void labelValueMissingFromDInStrictModeUsesEveryValue() {
    FacetBias f = dLacksPositives(LabelSupport.UNION);
    assertMetric(f, Metric.KL, Double.POSITIVE_INFINITY);
    assertMetric(
        f,
        Metric.JS,
        0.5 * (0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25) + Math.log(1 / 0.75)));
    assertMetric(f, Metric.LP, Math.sqrt(0.5));
    assertMetric(f, Metric.TVD, 0.5);
    assertMetric(f, Metric.KS, 0.5);
  }

  @Test
  void labelValueMissingFromAInBothModes() {
    Table aLacks = Table.of("x,y", "a,0", "a,0", "d,1", "d,0");
    FacetBias common =
        only(aLacks.analyze(labelOne().facet("x", ValueSelector.anyOf("d")).build()));
    FacetBias union =
        only(
            aLacks.analyze(
                labelOne()
                    .facet("x", ValueSelector.anyOf("d"))
                    .labelSupport(LabelSupport.UNION)
                    .build()));
    assertMetric(common, Metric.KL, Math.log(2)); // 1 * ln(1 / 0.5)
    assertMetric(union, Metric.KL, Math.log(2)); // Pa(1) = 0 contributes nothing
    assertMetric(common, Metric.TVD, 0.25);
    assertMetric(union, Metric.TVD, 0.5);
  }

  @Test
  void thresholdsOnContinuousFacetAndLabel() {
    Table people =
        Table.of(
            "age,income", "23,12000", "35,56000.5", "41,80000", "52,49000", "67,91000", "19,0");
    BiasAnalysis analysis =
        people.analyze(
            BiasConfig.builder()
                .label("income", ValueSelector.above(50000))
                .facet("age", ValueSelector.above(40))
                .build());
    FacetBias f = only(analysis);
    assertThat(analysis.labelValueOrThreshold()).isEqualTo("(50000.0, 91000.0]");
    assertThat(f.valueOrThreshold()).isEqualTo("(40.0, 67.0]");
    // d = ages 41, 52, 67 (2 of 3 earn > 50000); a = 23, 35, 19 (1 of 3)
    assertThat(f.sensitive()).isEqualTo(new GroupSummary(3, 2, 0));
    assertMetric(f, Metric.CI, 0);
    assertMetric(f, Metric.DPL, 1.0 / 3 - 2.0 / 3);
  }

  @Test
  void multiClassLabelsCollapseByValueList() {
    Table multi = Table.of("x,y", "a,cat", "a,dog", "a,bird", "b,dog", "b,dog", "b,cat");
    Table binary = Table.of("x,y", "a,1", "a,0", "a,1", "b,0", "b,0", "b,1");
    BiasConfig multiConfig =
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("cat", "bird"))
            .facet("x", ValueSelector.anyOf("b"))
            .build();
    FacetBias collapsed = only(multi.analyze(multiConfig));
    FacetBias expected =
        only(binary.analyze(labelOne().facet("x", ValueSelector.anyOf("b")).build()));
    assertThat(collapsed.preTraining()).isEqualTo(expected.preTraining());
    assertThat(multi.analyze(multiConfig).labelValueOrThreshold()).isEqualTo("cat,bird");
  }

  @Test
  void valueListsCompareNumbersNumericallyAndBooleansIgnoringCase() {
    Table typed = Table.of("x,y", "1.0,TRUE", "1,false", "2,True", "2.5,False");
    FacetBias f =
        only(
            typed.analyze(
                BiasConfig.builder()
                    .label("y", ValueSelector.anyOf("true"))
                    .facet("x", ValueSelector.anyOf("1"))
                    .build()));
    assertThat(f.sensitive()).isEqualTo(new GroupSummary(2, 1, 0));
  }

  // Issue 15: a missing value under a threshold failed the whole analysis; features are often
  // missing in a feature store.
  @Test
  void rowsMissingAValueAreLeftOutCountedAndChangeNothingElse() {
    Table gappy =
        Table.of(
            "age,y,yhat",
            "30,1,1",
            ",0,1",
            "50,0,0",
            "60,,1",
            "70,1,0",
            "20,0,0",
            "55,1,",
            "25,1,1");
    Table complete = Table.of("age,y,yhat", "30,1,1", "50,0,0", "70,1,0", "20,0,0", "25,1,1");
    BiasConfig.Builder config =
        BiasConfig.builder()
            .label("y", ValueSelector.above(0.5))
            .facet("age", ValueSelector.above(40))
            .predictedLabel("yhat");

    BiasAnalysis skipped = gappy.analyze(config.build());
    BiasAnalysis reference = complete.analyze(config.build());

    assertThat(skipped.rowsSkipped()).isEqualTo(3);
    assertThat(skipped.rows()).isEqualTo(5);
    assertThat(skipped.facets()).isEqualTo(reference.facets());
    assertThatThrownBy(() -> gappy.analyze(config.missing(MissingValues.FAIL).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot compute bias: row 2 of table has no value in column 'age' (leave such rows"
                + " out with --missing skip)");
  }

  @Test
  void aSourceWhoseEveryRowMissesAValueSaysSo() {
    Table empty = Table.of("x,y", "M,", "F,");
    assertThatThrownBy(() -> empty.analyze(labelOne().facet("x").build()))
        .hasMessage(
            "Cannot compute bias: table has no row with every value: all 2 miss one and were left"
                + " out");
  }

  @Test
  void nonNumericValueUnderAThresholdIsAnErrorNamingRowColumnAndValue() {
    Table bad = Table.of("age,y", "30,1", "forty,0");
    assertThatThrownBy(() -> bad.analyze(labelOne().facet("age", ValueSelector.above(35)).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot compute bias: row 2 of table has 'forty' in column 'age', which is not a number"
                + " (a threshold needs numbers)");
  }

  @Test
  void cddWithoutGroupVariableReportsSmclarifysError() {
    MetricResult cddl =
        result(
            only(SMALL.analyze(labelOne().facet("x", ValueSelector.anyOf("F")).build())),
            Metric.CDDL);
    assertThat(cddl.hasValue()).isFalse();
    assertThat(cddl.error()).isEqualTo("Group variable is empty or not provided");
  }

  @Test
  void cddWithoutAnyPositiveLabelIsUndefined() {
    Table noPositives = Table.of("x,y,g", "a,0,1", "b,0,1");
    MetricResult cddl =
        result(
            only(
                noPositives.analyze(
                    labelOne().facet("x", ValueSelector.anyOf("a")).groupVariable("g").build())),
            Metric.CDDL);
    assertThat(cddl.error()).isEqualTo("No positive labels in set");
  }

  @Test
  void generalizedEntropyIsUndefinedWhenEveryPredictionIsAFalseNegative() {
    Table allMissed = Table.of("x,y,p", "a,1,0", "b,1,0");
    FacetBias f =
        only(
            allMissed.analyze(
                labelOne().facet("x", ValueSelector.anyOf("a")).predictedLabel("p").build()));
    assertThat(result(f, Metric.GE).error()).startsWith("All predicted labels are false negatives");
  }

  @Test
  void bothRatiosInfiniteGiveZeroAndOneInfiniteGivesInfinity() {
    // no predicted positives in either group, some observed positives: c_a = c_d = +inf -> DCA 0
    Table neverAccepts = Table.of("x,y,p", "a,1,0", "a,0,0", "d,1,0", "d,0,0");
    FacetBias f =
        only(
            neverAccepts.analyze(
                labelOne().facet("x", ValueSelector.anyOf("d")).predictedLabel("p").build()));
    assertMetric(f, Metric.DCA, 0);
    assertMetric(f, Metric.DI, 0); // 0/0
    // only a has false negatives without false positives: TE = 0 - inf
    Table teCase = Table.of("x,y,p", "a,1,0", "a,0,0", "d,0,1", "d,1,1");
    assertMetric(
        only(
            teCase.analyze(
                labelOne().facet("x", ValueSelector.anyOf("d")).predictedLabel("p").build())),
        Metric.TE,
        Double.NEGATIVE_INFINITY);
  }

  @Test
  void tooManyDistinctFacetValuesIsAnError() {
    Table ids = Table.of("id,y", "1,1", "2,0", "3,1");
    assertThatThrownBy(() -> ids.analyze(labelOne().facet("id").maxDistinctValues(2).build()))
        .hasMessageContaining("more than 2 distinct values");
  }

  @Test
  void predictedScoresCanUseTheirOwnThreshold() {
    Table scores = Table.of("x,y,score", "a,1,0.9", "a,0,0.2", "d,1,0.4", "d,0,0.7");
    FacetBias f =
        only(
            scores.analyze(
                labelOne()
                    .facet("x", ValueSelector.anyOf("d"))
                    .predictedLabel("score", ValueSelector.above(0.5))
                    .build()));
    assertThat(f.sensitive()).isEqualTo(new GroupSummary(2, 1, 1));
    assertMetric(f, Metric.AD, 1.0);
  }

  @ParameterizedTest
  @EnumSource(LabelSupport.class)
  void bothModesAgreeWhenBothGroupsHaveEveryLabelValue(LabelSupport support) {
    FacetBias f =
        only(
            WorkedExampleTest.VECTOR_A.analyze(
                BiasConfig.builder()
                    .label("y", ValueSelector.anyOf("1"))
                    .facet("facet", ValueSelector.anyOf("F"))
                    .labelSupport(support)
                    .build()));
    assertMetric(f, Metric.KL, 0.383576);
    assertMetric(f, Metric.TVD, value(f, Metric.KS));
  }
}
