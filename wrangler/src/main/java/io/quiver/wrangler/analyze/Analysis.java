package io.quiver.wrangler.analyze;

import static java.util.Objects.requireNonNull;

import io.quiver.wrangler.analyze.chart.Chart;
import io.quiver.wrangler.analyze.insight.CorrelationMatrix;
import io.quiver.wrangler.analyze.insight.FeatureScore;
import io.quiver.wrangler.analyze.insight.LeakageReport;
import io.quiver.wrangler.analyze.insight.QuickModelResult;
import io.quiver.wrangler.analyze.insight.Warning;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything an analysis found: the profile, the row-wise analyses, the warnings and the charts.
 *
 * @param name what was analysed (a file, a query, a feature group), for titles
 * @param profile the profile of every row
 * @param correlations Pearson, Spearman and categorical-aware matrices
 * @param vif variance inflation factors of the numeric features
 * @param leakage target leakage, or null without a target
 * @param quickModel the quick model, or null without a target
 * @param warnings the data quality warnings
 * @param columnCharts each numeric column's exact histogram, by column name
 * @param charts the other charts, in report order
 */
public record Analysis(
    String name,
    DatasetProfile profile,
    List<CorrelationMatrix> correlations,
    List<FeatureScore> vif,
    @Nullable LeakageReport leakage,
    @Nullable QuickModelResult quickModel,
    List<Warning> warnings,
    Map<String, Chart> columnCharts,
    List<Chart> charts) {
  /** Checks and copies the parts. */
  public Analysis {
    requireNonNull(name, "name");
    requireNonNull(profile, "profile");
    correlations = List.copyOf(correlations);
    vif = List.copyOf(vif);
    warnings = List.copyOf(warnings);
    columnCharts = Map.copyOf(columnCharts);
    charts = List.copyOf(charts);
  }
}
