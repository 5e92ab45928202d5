package io.quiver.wrangler.analyze.flow;

import java.util.Locale;

/**
 * The analyses a flow's analysis node can ask for, by Data Wrangler's operator family: {@code
 * sagemaker.visualizations.<family>_0.1}.
 */
public enum AnalysisKind {
  /** Table summary ({@code describe}): count, min, max, mean, standard deviation per column. */
  TABLE_SUMMARY("describe"),
  /** The data quality and insights report ({@code data_insights_report}). */
  DATA_QUALITY_REPORT("data_insights_report"),
  /** A histogram of one column, with colour-by and facet-by ({@code histogram}). */
  HISTOGRAM("histogram"),
  /** A scatter plot of two columns, with colour-by and facet-by ({@code scatter_plot}). */
  SCATTER_PLOT("scatter_plot"),
  /** A quick model predicting a label ({@code quick_model}). */
  QUICK_MODEL("quick_model"),
  /** Target leakage: each feature alone predicting the target ({@code target_leakage}). */
  TARGET_LEAKAGE("target_leakage"),
  /** Feature correlation, linear and non-linear ({@code feature_correlation}). */
  FEATURE_CORRELATION("feature_correlation"),
  /** Multicollinearity: variance inflation factors ({@code multicollinearity}). */
  MULTICOLLINEARITY("multicollinearity");

  private final String family;

  AnalysisKind(String family) {
    this.family = family;
  }

  /** The operator family: {@code describe}, {@code histogram}, and so on. */
  public String family() {
    return family;
  }

  /** A title for reports: "Table summary", "Histogram", ... */
  public String title() {
    String words = name().replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
