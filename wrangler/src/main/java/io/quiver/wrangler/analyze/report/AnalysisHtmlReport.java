package io.quiver.wrangler.analyze.report;

import io.quiver.wrangler.analyze.Analysis;
import io.quiver.wrangler.analyze.chart.Chart;
import io.quiver.wrangler.analyze.insight.FeatureScore;
import io.quiver.wrangler.analyze.insight.QuickModelResult;
import io.quiver.wrangler.analyze.insight.Warning;
import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.ColumnType;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.ValueCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Renders an {@link Analysis} as the data quality and insights report: a summary, the warnings, one
 * row per column (type, missing, distinct, statistics, most frequent value and its exact
 * histogram), the target analysis (leakage and quick model), correlations, multicollinearity and
 * the requested charts. Same look as the bias report. Stateless.
 */
public final class AnalysisHtmlReport {
  private static final String STYLE =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222}"
          + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}"
          + "table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;text-align:left;"
          + "vertical-align:middle;border-bottom:1px solid #eee}th{font-weight:600}"
          + ".v{font-variant-numeric:tabular-nums;text-align:right;white-space:nowrap}"
          + ".x{color:#555;font-size:.92em}.note{color:#555}.high{color:#a33;font-weight:600}"
          + ".medium{color:#b86e00;font-weight:600}.low{color:#555}"
          + "img{max-width:100%;height:auto}figure{margin:1em 0}figcaption{color:#555;font-size:.9em}"
          + ".spark{width:220px}";

  private AnalysisHtmlReport() {}

  /**
   * Writes the page to {@code file} and each chart's data to {@code <name>-data/<chart>.json} next
   * to it.
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public static void write(Analysis analysis, Path file) {
    Path page = file.toAbsolutePath();
    String stem = page.getFileName().toString().replaceFirst("\\.html?$", "");
    Path dataDir = page.resolveSibling(stem + "-data");
    for (Chart chart : charts(analysis)) {
      chart.write(dataDir, false);
    }
    try {
      Files.createDirectories(page.getParent());
      Files.writeString(
          page, render(analysis, dataDir.getFileName().toString()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every chart of the analysis: the column histograms, then the others. */
  public static List<Chart> charts(Analysis analysis) {
    List<Chart> all = new ArrayList<>(analysis.columnCharts().values());
    all.addAll(analysis.charts());
    return all;
  }

  /** The page; chart data links point into {@code dataFolder}. */
  public static String render(Analysis analysis, String dataFolder) {
    DatasetProfile p = analysis.profile();
    StringBuilder html = new StringBuilder(1 << 16);
    html.append(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data quality and insights: ")
        .append(esc(analysis.name()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
    html.append("<h1>Data quality and insights: <code>")
        .append(esc(analysis.name()))
        .append("</code></h1>");
    html.append("<p class=\"note\">")
        .append(String.format(Locale.ROOT, "%,d rows, %d columns", p.rows(), p.columns().size()))
        .append(
            String.format(
                Locale.ROOT,
                ", %,d duplicate rows (%.2f%%)",
                p.duplicateRows(),
                100 * p.duplicateRatio()))
        .append(p.distinctRows().exact() ? "" : " (estimated)")
        .append(
            ". Column statistics and histograms cover every row; correlations, leakage, the quick")
        .append(" model and the colour/facet charts use a uniform sample of ")
        .append(String.format(Locale.ROOT, "%,d rows", p.sample().rows().size()))
        .append(".</p>");
    warnings(html, analysis.warnings());
    columns(html, analysis, dataFolder);
    if (analysis.leakage() != null || analysis.quickModel() != null) {
      html.append("<h2>Target: <code>").append(esc(targetName(analysis))).append("</code></h2>");
      if (analysis.quickModel() != null) {
        quickModel(html, analysis.quickModel());
      }
    }
    for (Chart chart : analysis.charts()) {
      figure(html, chart, dataFolder);
    }
    html.append("<p class=\"x\">Made by Quiver ")
        .append(esc(Instant.now().toString().substring(0, 10)))
        .append(".</p>");
    html.append("</body></html>\n");
    return html.toString();
  }

  private static String targetName(Analysis analysis) {
    return analysis.leakage() != null
        ? analysis.leakage().target()
        : analysis.quickModel().target();
  }

  private static void warnings(StringBuilder html, List<Warning> warnings) {
    html.append("<h2>Warnings</h2>");
    if (warnings.isEmpty()) {
      html.append("<p>No warnings: no column crosses a threshold.</p>");
      return;
    }
    html.append(
        "<table><tr><th>severity</th><th>column</th><th>issue</th><th>what was found</th></tr>");
    for (Warning w : warnings) {
      html.append("<tr><td class=\"")
          .append(w.severity())
          .append("\">")
          .append(w.severity())
          .append("</td><td>")
          .append(w.column().isEmpty() ? "(dataset)" : "<code>" + esc(w.column()) + "</code>")
          .append("</td><td>")
          .append(esc(w.kind().replace('_', ' ')))
          .append("</td><td>")
          .append(esc(w.message()))
          .append("</td></tr>");
    }
    html.append("</table>");
  }

  private static void columns(StringBuilder html, Analysis analysis, String dataFolder) {
    html.append(
            "<h2>Columns</h2><table><tr><th>column</th><th>type</th><th class=\"v\">missing</th>")
        .append("<th class=\"v\">distinct</th><th class=\"v\">min</th><th class=\"v\">mean</th>")
        .append("<th class=\"v\">max</th><th class=\"v\">std</th><th class=\"v\">skew</th>")
        .append("<th>most frequent</th><th>histogram</th></tr>");
    for (ColumnProfile c : analysis.profile().columns()) {
      boolean time = c.type() == ColumnType.DATETIME && c.numeric();
      html.append("<tr><td><code>")
          .append(esc(c.name()))
          .append("</code></td><td>")
          .append(c.type().name().toLowerCase(Locale.ROOT))
          .append("</td><td class=\"v\">")
          .append(String.format(Locale.ROOT, "%.1f%%", 100 * c.missingRatio()))
          .append("</td><td class=\"v\">")
          .append(String.format(Locale.ROOT, "%,d", c.distinct().rounded()))
          .append(c.distinct().exact() ? "" : "≈")
          .append("</td>");
      html.append(cell(c.min(), time))
          .append(cell(c.mean(), time))
          .append(cell(c.max(), time))
          .append(cell(time ? Double.NaN : c.stdDev(), false))
          .append(cell(time ? Double.NaN : c.skewness(), false));
      html.append("<td>");
      // an estimated top value of a column of mostly distinct values says nothing: leave it out
      if (!c.mostFrequent().isEmpty()
          && (c.frequenciesExact() || c.mostFrequent().get(0).count() >= 0.01 * c.present())) {
        ValueCount top = c.mostFrequent().get(0);
        html.append("<code>")
            .append(esc(shorten(top.value())))
            .append("</code> <span class=\"x\">")
            .append(String.format(Locale.ROOT, "%,d", top.count()))
            .append(c.frequenciesExact() ? "" : "≈")
            .append("</span>");
      }
      html.append("</td><td>");
      Chart chart = analysis.columnCharts().get(c.name());
      if (chart != null) {
        html.append("<a href=\"")
            .append(esc(dataFolder + "/" + chart.id() + ".json"))
            .append("\">")
            .append("<img class=\"spark\" alt=\"")
            .append(esc(chart.title()))
            .append("\" src=\"")
            .append(dataUri(chart))
            .append("\"></a>");
      }
      html.append("</td></tr>");
    }
    html.append("</table>");
  }

  private static void quickModel(StringBuilder html, QuickModelResult model) {
    html.append("<p>Quick model (random forest, ")
        .append(model.trainRows())
        .append(" training and ")
        .append(model.testRows())
        .append(" test rows, ")
        .append(model.problem())
        .append("): <b>")
        .append(model.metric().equals("f1") ? "F1" : "MSE")
        .append(" ")
        .append(String.format(Locale.ROOT, "%.4f", model.score()))
        .append("</b>");
    if (!model.importances().isEmpty()) {
      FeatureScore top = model.importances().get(0);
      html.append("; the most important feature is <code>")
          .append(esc(top.feature()))
          .append("</code>");
    }
    html.append(".</p>");
  }

  private static void figure(StringBuilder html, Chart chart, String dataFolder) {
    html.append("<figure><img alt=\"")
        .append(esc(chart.title()))
        .append("\" src=\"")
        .append(dataUri(chart))
        .append("\"><figcaption>")
        .append(esc(chart.title()))
        .append(" · <a href=\"")
        .append(esc(dataFolder + "/" + chart.id() + ".json"))
        .append("\">data</a></figcaption></figure>");
  }

  private static String dataUri(Chart chart) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(chart.png());
  }

  private static String cell(double v, boolean time) {
    if (Double.isNaN(v)) {
      return "<td class=\"v\"></td>";
    }
    String text;
    if (time) {
      long micros = (long) v;
      text =
          Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L))
              .toString()
              .replace("T00:00:00Z", "");
    } else {
      text =
          Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v != 0)
              ? String.format(Locale.ROOT, "%.3e", v)
              : String.format(Locale.ROOT, "%,.3f", v).replaceAll("\\.?0+$", "");
    }
    return "<td class=\"v\">" + esc(text.replace("-", "−")) + "</td>";
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 39) + "…" : text;
  }

  private static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
