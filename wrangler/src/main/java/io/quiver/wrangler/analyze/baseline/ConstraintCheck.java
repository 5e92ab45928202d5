package io.quiver.wrangler.analyze.baseline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.ValueCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedViewIterator;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Checks a profiled dataset against a baseline's constraints and statistics, with Model Monitor's
 * violation types and messages. Stateless.
 */
public final class ConstraintCheck {
  private ConstraintCheck() {}

  /** The violations of {@code current} against {@code baseline}, columns in baseline order. */
  public static List<Violation> check(Baseline baseline, DatasetProfile current) {
    BaselineConstraints constraints = baseline.constraints();
    MonitoringConfig config = constraints.config();
    List<Violation> violations = new ArrayList<>();
    if (!config.evaluateConstraints()) {
      return violations;
    }
    Set<String> expected = new HashSet<>();
    for (FeatureConstraint f : constraints.features()) {
      expected.add(f.name());
      ColumnProfile column = current.column(f.name()).orElse(null);
      if (column == null) {
        violations.add(
            new Violation(
                f.name(),
                "missing_column_check",
                String.format(
                    Locale.ROOT,
                    "There are missing columns in current dataset. Number of columns in current"
                        + " dataset: %d, Number of columns in baseline constraints: %d",
                    current.columns().size(),
                    constraints.features().size())));
        continue;
      }
      dataType(f, column, config, violations);
      completeness(f, column, violations);
      nonNegative(f, column, violations);
      domain(f, column, config, violations);
      if (config.performComparison()) {
        baseline
            .statistics()
            .feature(f.name())
            .ifPresent(s -> drift(s, column, config, violations));
      }
    }
    for (ColumnProfile column : current.columns()) {
      if (!expected.contains(column.name())) {
        violations.add(
            new Violation(
                column.name(),
                "extra_column_check",
                String.format(
                    Locale.ROOT,
                    "There are extra columns in current dataset. Number of columns in current"
                        + " dataset: %d, Number of columns in baseline constraints: %d",
                    current.columns().size(),
                    constraints.features().size())));
      }
    }
    return violations;
  }

  private static void dataType(
      FeatureConstraint f, ColumnProfile c, MonitoringConfig config, List<Violation> out) {
    long seen = c.present() + c.invalid();
    if (seen == 0 || f.inferredType().equals(InferredType.UNKNOWN)) {
      return;
    }
    long matching =
        switch (f.inferredType()) {
          case InferredType.INTEGRAL ->
              c.kind() == ColumnKind.LONG || c.kind() == ColumnKind.BOOLEAN
                  ? c.present()
                  : c.kind() == ColumnKind.DOUBLE ? c.present() - c.fractionalValues() : 0;
          case InferredType.FRACTIONAL ->
              c.kind() == ColumnKind.STRING || c.kind() == ColumnKind.TIMESTAMP_MICROS
                  ? 0
                  : c.present();
          default -> seen;
        };
    double share = (double) matching / seen;
    if (share < 1 - config.datatypeCheckThreshold()) {
      out.add(
          new Violation(
              f.name(),
              "data_type_check",
              String.format(
                  Locale.ROOT,
                  "Data type match requirement is not met. Expected data type: %s, Expected match:"
                      + " %.1f%%. Observed: Only %.1f%% of data is %s.",
                  f.inferredType(),
                  100 * (1 - config.datatypeCheckThreshold()),
                  100 * share,
                  f.inferredType())));
    }
  }

  private static void completeness(FeatureConstraint f, ColumnProfile c, List<Violation> out) {
    if (c.count() == 0) {
      return;
    }
    double share = (double) c.present() / c.count();
    if (share < f.completeness()) {
      out.add(
          new Violation(
              f.name(),
              "completeness_check",
              String.format(
                  Locale.ROOT,
                  "Data completeness requirement is not met. Expected completeness: %.1f%%."
                      + " Observed: Only %.1f%% of data is present.",
                  100 * f.completeness(),
                  100 * share)));
    }
  }

  private static void nonNegative(FeatureConstraint f, ColumnProfile c, List<Violation> out) {
    if (Boolean.TRUE.equals(f.nonNegative()) && c.numeric() && c.min() < 0) {
      out.add(
          new Violation(
              f.name(),
              "non_negative_check",
              String.format(
                  Locale.ROOT,
                  "Values must not be negative. Observed: minimum %s.",
                  BigDecimalText.of(c.min()))));
    }
  }

  private static void domain(
      FeatureConstraint f, ColumnProfile c, MonitoringConfig config, List<Violation> out) {
    if (f.domains() == null || c.present() == 0) {
      return;
    }
    Set<String> domain = new HashSet<>(f.domains());
    long known = 0;
    Set<String> unknownValues = new java.util.TreeSet<>();
    for (ValueCount v : c.mostFrequent()) {
      if (domain.contains(v.value())) {
        known += v.count();
      } else if (unknownValues.size() < 5) {
        unknownValues.add(v.value());
      }
    }
    double unknown = 1 - Math.min(1.0, (double) known / c.present());
    if (unknown > config.domainContentThreshold()) {
      out.add(
          new Violation(
              f.name(),
              "categorical_values_check",
              String.format(
                  Locale.ROOT,
                  "Data contains values outside the baseline domain. Expected: at most %.1f%% of"
                      + " values outside %s. Observed: %.1f%% outside (for example %s).",
                  100 * config.domainContentThreshold(),
                  f.domains(),
                  100 * unknown,
                  unknownValues)));
    }
  }

  private static void drift(
      FeatureStatistics s, ColumnProfile c, MonitoringConfig config, List<Violation> out) {
    if (s.numerical()) {
      KllDoublesSketch base = s.sketch();
      KllDoublesSketch now = c.sketch();
      if (base == null || now == null || base.isEmpty() || now.isEmpty()) {
        return;
      }
      double distance = numericalDistance(base, now, config.comparisonMethod().equals("Robust"));
      if (distance > config.comparisonThreshold()) {
        out.add(
            new Violation(
                s.name(),
                "baseline_drift_check",
                String.format(
                    Locale.ROOT,
                    "Numerical distance: %s exceeds numerical threshold: %s",
                    distance,
                    config.comparisonThreshold())));
      }
      return;
    }
    if (s.categories().isEmpty() || s.numPresent() == 0 || c.present() == 0) {
      return;
    }
    double distance = categoricalDistance(s, c);
    if (distance > config.categoricalComparisonThreshold()) {
      out.add(
          new Violation(
              s.name(),
              "baseline_drift_check",
              String.format(
                  Locale.ROOT,
                  "Categorical distance: %s exceeds categorical threshold: %s",
                  distance,
                  config.categoricalComparisonThreshold())));
    }
  }

  /**
   * The distance {@code baseline_drift_check} compares with its threshold for {@code column}: the
   * Kolmogorov-Smirnov statistic between the two sketches of a numerical feature (less their rank
   * errors for {@code Robust}), or the largest difference in a value's share of a categorical one;
   * NaN when the baseline has no statistics for the column or either side has no values.
   */
  public static double driftDistance(Baseline baseline, ColumnProfile column) {
    FeatureStatistics s = baseline.statistics().feature(column.name()).orElse(null);
    if (s == null) {
      return Double.NaN;
    }
    if (s.numerical()) {
      KllDoublesSketch base = s.sketch();
      KllDoublesSketch now = column.sketch();
      if (base == null || now == null || base.isEmpty() || now.isEmpty()) {
        return Double.NaN;
      }
      return numericalDistance(
          base, now, baseline.constraints().config().comparisonMethod().equals("Robust"));
    }
    if (s.categories().isEmpty() || s.numPresent() == 0 || column.present() == 0) {
      return Double.NaN;
    }
    return categoricalDistance(s, column);
  }

  /**
   * The largest difference between the two sketches' distribution functions, over every value
   * either retains (the two-sample Kolmogorov-Smirnov statistic); {@code robust} subtracts both
   * sketches' rank errors, so that sketch error alone never reports drift.
   */
  static double numericalDistance(KllDoublesSketch a, KllDoublesSketch b, boolean robust) {
    double largest = 0;
    for (KllDoublesSketch sketch : List.of(a, b)) {
      DoublesSortedViewIterator items = sketch.getSortedView().iterator();
      while (items.next()) {
        double x = items.getQuantile();
        double d =
            Math.abs(
                a.getRank(x, QuantileSearchCriteria.INCLUSIVE)
                    - b.getRank(x, QuantileSearchCriteria.INCLUSIVE));
        largest = Math.max(largest, d);
      }
    }
    if (robust) {
      double errors =
          (a.isEstimationMode() ? a.getNormalizedRankError(false) : 0)
              + (b.isEstimationMode() ? b.getNormalizedRankError(false) : 0);
      largest = Math.max(0, largest - errors);
    }
    return largest;
  }

  /** The largest difference in any value's share between baseline and current. */
  static double categoricalDistance(FeatureStatistics s, ColumnProfile c) {
    Map<String, Double> base = new HashMap<>();
    for (ValueCount v : s.categories()) {
      base.put(v.value(), (double) v.count() / s.numPresent());
    }
    Map<String, Double> now = new HashMap<>();
    for (ValueCount v : c.mostFrequent()) {
      now.put(v.value(), (double) v.count() / c.present());
    }
    Set<String> values = new HashSet<>(base.keySet());
    values.addAll(now.keySet());
    double largest = 0;
    for (String value : values) {
      largest =
          Math.max(largest, Math.abs(base.getOrDefault(value, 0.0) - now.getOrDefault(value, 0.0)));
    }
    return largest;
  }

  /** Writes {@code constraint_violations.json} to {@code file}. */
  public static void write(List<Violation> violations, Path file) {
    ObjectNode root = BaselineJson.MAPPER.createObjectNode();
    ArrayNode array = root.putArray("violations");
    for (Violation v : violations) {
      array
          .addObject()
          .put("feature_name", v.featureName())
          .put("constraint_check_type", v.checkType())
          .put("description", v.description());
    }
    BaselineJson.write(root, file);
  }

  /** Shortest exact decimal text of a double, for messages. */
  private static final class BigDecimalText {
    static String of(double value) {
      return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
  }
}
