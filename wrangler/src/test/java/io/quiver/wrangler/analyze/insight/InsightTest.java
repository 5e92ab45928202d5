package io.quiver.wrangler.analyze.insight;

import static io.quiver.wrangler.analyze.profile.Profiles.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quiver.storage.batch.ColumnKind;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.Profiles;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The row-wise analyses against hand-worked values and planted datasets. */
class InsightTest {

  @Test
  void pearsonAndSpearmanMatchHandWorkedValues() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {2, 4, 5, 4, 5};
    // r = 6 / sqrt(10 * 6) = 0.7745966692
    assertThat(Correlations.pearson(x, y)).isCloseTo(0.7745966692, within(1e-9));
    // ranks of y: 1, 2.5, 4.5, 2.5, 4.5 -> r = 0.7378647874
    assertThat(Correlations.spearman(x, y)).isCloseTo(0.7378647874, within(1e-9));
    double[] withGap = {1, Double.NaN, 3, 4, 5};
    assertThat(Correlations.pearson(withGap, x)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void cramersVAndCorrelationRatioMatchHandWorkedValues() {
    // 2x2 table [[3,1],[1,3]]: chi2 = 2, n = 8, V = sqrt(2 / 8) = 0.5
    String[] a = {"p", "p", "p", "p", "q", "q", "q", "q"};
    String[] b = {"u", "u", "u", "v", "u", "v", "v", "v"};
    assertThat(Correlations.cramersV(a, b)).isCloseTo(0.5, within(1e-12));
    // groups {1,3} and {5,7}: between = 4 * 2^2 = 16, total = 16 + 4 * 1 = 20
    double[] v = {1, 3, 5, 7};
    String[] g = {"a", "a", "b", "b"};
    assertThat(Correlations.correlationRatio(g, v)).isCloseTo(Math.sqrt(16.0 / 20), within(1e-12));
  }

  @Test
  void vifOfTwoFeaturesIsOneOverOneMinusRSquared() {
    Random random = new Random(3);
    List<AnalysisColumn> columns =
        List.of(
            column("a", ColumnKind.DOUBLE),
            column("b", ColumnKind.DOUBLE),
            column("c", ColumnKind.DOUBLE));
    DatasetProfile profile =
        Profiles.of(
            columns,
            4_000,
            i -> {
              double a = random.nextGaussian();
              return new Object[] {a, a + 0.5 * random.nextGaussian(), 2 * a};
            });
    SampleTable table = new SampleTable(profile);
    double r = Correlations.pearson(table.number(0), table.number(1));
    List<FeatureScore> two = Multicollinearity.of(table, "c");
    assertThat(two.get(0).score()).isCloseTo(1 / (1 - r * r), within(1e-6));
    // c = 2a exactly: perfectly collinear, clipped
    List<FeatureScore> three = Multicollinearity.of(table, null);
    assertThat(three).extracting(FeatureScore::score).contains(Multicollinearity.CLIP);
  }

  /**
   * Issue 16: leakage flags a planted leaking column, the quick model separates planted classes.
   */
  @Test
  void leakageFlagsThePlantedColumnAndTheQuickModelSeparatesTheClasses() {
    Random random = new Random(5);
    List<AnalysisColumn> columns =
        List.of(
            column("x1", ColumnKind.DOUBLE),
            column("x2", ColumnKind.DOUBLE),
            column("noise", ColumnKind.DOUBLE),
            column("colour", ColumnKind.STRING),
            column("refund_issued", ColumnKind.LONG),
            column("churned", ColumnKind.STRING));
    DatasetProfile profile =
        Profiles.of(
            columns,
            6_000,
            i -> {
              boolean yes = random.nextBoolean();
              double x1 = (yes ? 1 : -1) + random.nextGaussian(); // informative, not leaking
              double x2 = random.nextGaussian();
              // the leak: recorded after the outcome, equal to it but for 1% of rows
              long leak = (yes ^ random.nextDouble() < 0.01) ? 1 : 0;
              return new Object[] {
                x1,
                x2,
                random.nextGaussian(),
                random.nextBoolean() ? "red" : "blue",
                leak,
                yes ? "yes" : "no"
              };
            });
    SampleTable table = new SampleTable(profile);
    LeakageReport leakage = TargetLeakage.of(table, "churned");
    assertThat(leakage.metric()).isEqualTo("roc_auc");
    assertThat(leakage.suspects()).containsExactly("refund_issued");
    assertThat(
            leakage.scores().stream()
                .filter(s -> s.feature().equals("noise"))
                .findFirst()
                .orElseThrow()
                .score())
        .isBetween(0.4, 0.6);
    assertThat(Warnings.of(profile, leakage))
        .anyMatch(w -> w.kind().equals("leakage") && w.column().equals("refund_issued"));
  }

  /** Issue 16: the quick model's F1 on a planted separable dataset is above 0.9. */
  @Test
  void theQuickModelSeparatesPlantedClasses() {
    Random random = new Random(6);
    List<AnalysisColumn> columns =
        List.of(
            column("x1", ColumnKind.DOUBLE),
            column("x2", ColumnKind.DOUBLE),
            column("segment", ColumnKind.STRING),
            column("label", ColumnKind.STRING));
    DatasetProfile profile =
        Profiles.of(
            columns,
            6_000,
            i -> {
              int cls = random.nextInt(3);
              double x1 = (cls - 1) * 3 + random.nextGaussian() * 0.6;
              String segment = cls == 2 && random.nextDouble() < 0.9 ? "B" : "A";
              return new Object[] {x1, random.nextGaussian(), segment, "class-" + cls};
            });
    QuickModelResult model = QuickModel.of(new SampleTable(profile), "label", 42);
    assertThat(model.problem()).isEqualTo("classification");
    assertThat(model.trainRows() + model.testRows()).isEqualTo(6_000);
    assertThat((double) model.testRows() / 6_000).isCloseTo(0.3, within(0.03));
    assertThat(model.score()).isGreaterThan(0.9);
    assertThat(model.importances().get(0).feature()).isEqualTo("x1");
    assertThat(model.importances().stream().mapToDouble(FeatureScore::score).sum())
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void regressionTargetsGetRSquaredAndMse() {
    Random random = new Random(9);
    List<AnalysisColumn> columns =
        List.of(column("x", ColumnKind.DOUBLE), column("y", ColumnKind.DOUBLE));
    DatasetProfile profile =
        Profiles.of(
            columns,
            3_000,
            i -> {
              double x = random.nextDouble() * 10;
              return new Object[] {x, 3 * x + random.nextGaussian() * 0.1};
            });
    SampleTable table = new SampleTable(profile);
    LeakageReport leakage = TargetLeakage.of(table, "y");
    assertThat(leakage.metric()).isEqualTo("r2");
    assertThat(leakage.scores().get(0).score()).isGreaterThan(0.95);
    QuickModelResult model = QuickModel.of(table, "y", 1);
    assertThat(model.metric()).isEqualTo("mse");
    assertThat(model.score()).isLessThan(1.0);
  }
}
