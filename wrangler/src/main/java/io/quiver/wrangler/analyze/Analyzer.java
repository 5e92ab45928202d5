package io.quiver.wrangler.analyze;

import io.quiver.wrangler.analyze.AnalysisOptions.ChartRequest;
import io.quiver.wrangler.analyze.chart.Chart;
import io.quiver.wrangler.analyze.chart.Charts;
import io.quiver.wrangler.analyze.insight.CorrelationMatrix;
import io.quiver.wrangler.analyze.insight.Correlations;
import io.quiver.wrangler.analyze.insight.FeatureScore;
import io.quiver.wrangler.analyze.insight.LeakageReport;
import io.quiver.wrangler.analyze.insight.Multicollinearity;
import io.quiver.wrangler.analyze.insight.QuickModel;
import io.quiver.wrangler.analyze.insight.QuickModelResult;
import io.quiver.wrangler.analyze.insight.SampleTable;
import io.quiver.wrangler.analyze.insight.TargetLeakage;
import io.quiver.wrangler.analyze.insight.Warnings;
import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the analyses of a profiled dataset: correlations, multicollinearity, and with a target,
 * leakage and the quick model; then the warnings and the charts. Stateless.
 */
public final class Analyzer {
  private Analyzer() {}

  /**
   * Analyses {@code profile}.
   *
   * @throws io.quiver.storage.error.ValidationException if a named column is missing or of the
   *     wrong type
   */
  public static Analysis analyze(String name, DatasetProfile profile, AnalysisOptions options) {
    SampleTable table = new SampleTable(profile);
    List<CorrelationMatrix> correlations = Correlations.of(table);
    List<FeatureScore> vif = Multicollinearity.of(table, options.target());
    LeakageReport leakage = null;
    QuickModelResult model = null;
    if (options.target() != null) {
      leakage = TargetLeakage.of(table, options.target());
      model = QuickModel.of(table, options.target(), options.seed());
    }
    Map<String, Chart> columnCharts = new LinkedHashMap<>();
    int index = 0;
    for (ColumnProfile column : profile.columns()) {
      if (column.histogram() != null && column.histogram().bins() > 0) {
        columnCharts.put(
            column.name(),
            Charts.histogram(column, Charts.safe("column-" + index + "-" + column.name())));
      }
      index++;
    }
    List<Chart> charts = new ArrayList<>();
    if (leakage != null) {
      charts.add(
          Charts.bars(
              "target-leakage",
              "Target leakage: each feature alone predicting " + leakage.target(),
              leakage.metric().equals("r2") ? "cross-validated R²" : "cross-validated ROC-AUC",
              leakage.scores()));
    }
    if (model != null) {
      charts.add(
          Charts.bars(
              "quick-model-importance",
              "Quick model: feature importance for " + model.target(),
              "importance (share of the score lost when shuffled)",
              model.importances()));
    }
    for (CorrelationMatrix matrix : correlations) {
      if (matrix.columns().size() >= 2) {
        charts.add(Charts.correlation(matrix));
      }
    }
    if (vif.size() >= 2) {
      charts.add(
          Charts.bars(
              "multicollinearity-vif",
              "Multicollinearity: variance inflation factor (above 5 is high)",
              "VIF (clipped at 50)",
              vif));
    }
    for (ChartRequest request : options.histograms()) {
      charts.addAll(
          Charts.histogram(table, request.columns().get(0), request.colorBy(), request.facetBy()));
    }
    for (ChartRequest request : options.scatters()) {
      if (request.columns().size() != 2) {
        throw new IllegalArgumentException(
            "scatter: " + request.columns() + " (expected: two columns, x and y)");
      }
      charts.addAll(
          Charts.scatter(
              table,
              request.columns().get(0),
              request.columns().get(1),
              request.colorBy(),
              request.facetBy()));
    }
    return new Analysis(
        name,
        profile,
        correlations,
        vif,
        leakage,
        model,
        Warnings.of(profile, leakage),
        columnCharts,
        charts);
  }
}
