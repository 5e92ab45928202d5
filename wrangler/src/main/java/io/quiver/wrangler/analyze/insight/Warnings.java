package io.quiver.wrangler.analyze.insight;

import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.ColumnType;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The warnings of the data quality and insights report, with their thresholds: missing values above
 * 5% (high above 50%), a constant column, a categorical column whose values are nearly all distinct
 * (an identifier, useless as a feature), |skew| above 3, robust outliers above 1% of values,
 * invalid values, duplicate rows above 0.1%, and leakage suspects. Stateless.
 */
public final class Warnings {
  private Warnings() {}

  /** The warnings of {@code profile}, with leakage suspects if {@code leakage} is given. */
  public static List<Warning> of(DatasetProfile profile, @Nullable LeakageReport leakage) {
    List<Warning> out = new ArrayList<>();
    if (profile.duplicateRatio() > 0.001) {
      out.add(
          new Warning(
              profile.duplicateRatio() > 0.05 ? "high" : "medium",
              "duplicates",
              "",
              String.format(
                  Locale.ROOT,
                  "%,d rows (%.2f%%) repeat an earlier row; duplicates weigh some examples twice"
                      + " and leak between training and test splits.",
                  profile.duplicateRows(),
                  100 * profile.duplicateRatio())));
    }
    for (ColumnProfile c : profile.columns()) {
      column(c, out);
    }
    if (leakage != null) {
      for (FeatureScore s : leakage.scores()) {
        if (s.score() >= LeakageReport.SUSPECT) {
          out.add(
              new Warning(
                  "high",
                  "leakage",
                  s.feature(),
                  String.format(
                      Locale.ROOT,
                      "Alone, it predicts the target '%s' with %s %.3f: it may only be known"
                          + " with or after the target (target leakage).",
                      leakage.target(),
                      leakage.metric().equals("r2") ? "R²" : "ROC-AUC",
                      s.score())));
        }
      }
    }
    return out;
  }

  private static void column(ColumnProfile c, List<Warning> out) {
    double missing = c.missingRatio();
    if (missing > 0.05) {
      out.add(
          new Warning(
              missing > 0.5 ? "high" : "medium",
              "missing",
              c.name(),
              String.format(Locale.ROOT, "%.1f%% of values are missing.", 100 * missing)));
    }
    if (c.invalid() > 0) {
      out.add(
          new Warning(
              "medium",
              "invalid",
              c.name(),
              String.format(
                  Locale.ROOT,
                  "%,d values are not of the column's type (or are infinite).",
                  c.invalid())));
    }
    long distinct = c.distinct().rounded();
    if (c.present() > 0 && distinct == 1) {
      out.add(
          new Warning(
              "medium",
              "constant",
              c.name(),
              "Every present value is the same: the column carries no information."));
    }
    if (c.type() == ColumnType.CATEGORICAL && c.present() > 100 && distinct > 0.9 * c.present()) {
      out.add(
          new Warning(
              "low",
              "high_cardinality",
              c.name(),
              String.format(
                  Locale.ROOT,
                  "About %,d distinct values in %,d rows: an identifier rather than a feature.",
                  distinct,
                  c.present())));
    }
    if (c.type() == ColumnType.NUMERIC && Math.abs(c.skewness()) > 3) {
      out.add(
          new Warning(
              "low",
              "skew",
              c.name(),
              String.format(
                  Locale.ROOT,
                  "Skewness %.2f: a log or power transform may help linear models.",
                  c.skewness())));
    }
    if (c.type() == ColumnType.NUMERIC && c.present() > 0 && c.outliers() > 0.01 * c.present()) {
      out.add(
          new Warning(
              "medium",
              "outliers",
              c.name(),
              String.format(
                  Locale.ROOT,
                  "About %,.0f values (%.1f%%) lie beyond the median ± 5 robust standard"
                      + " deviations.",
                  c.outliers(),
                  100 * c.outliers() / c.present())));
    }
  }
}
