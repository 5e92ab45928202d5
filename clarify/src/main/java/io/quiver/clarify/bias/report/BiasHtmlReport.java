package io.quiver.clarify.bias.report;

import io.quiver.clarify.bias.BiasAnalysis;
import io.quiver.clarify.bias.FacetBias;
import io.quiver.clarify.bias.GroupSummary;
import io.quiver.clarify.bias.LabelSupport;
import io.quiver.clarify.bias.Metric;
import io.quiver.clarify.bias.MetricResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link BiasAnalysis} as one self-contained HTML page: a chart of group sizes and
 * positive rates per facet value, then per sensitive group every metric as a bar on its range with
 * the no-difference point marked, its value, and what it means in plain language. Inline CSS and
 * SVG only; no script, no network. Stateless and thread-safe.
 */
public final class BiasHtmlReport {
  private static final String STYLE =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}"
          + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}"
          + "table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;text-align:left;"
          + "vertical-align:middle;border-bottom:1px solid #eee}th{font-weight:600}"
          + ".v{font-variant-numeric:tabular-nums;text-align:right;white-space:nowrap}"
          + ".x{color:#555;font-size:.92em}.err{color:#a33}.note{color:#555}"
          + "abbr{font-weight:600;text-decoration:none}";
  private static final int BAR_WIDTH = 260;

  private BiasHtmlReport() {}

  /**
   * Writes the page to {@code file} (UTF-8), replacing it.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(BiasAnalysis analysis, Path file) {
    try {
      Files.writeString(file, render(analysis), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the HTML report " + file + ": " + e.getMessage(), e);
    }
  }

  /** The page as a string. */
  public static String render(BiasAnalysis analysis) {
    String facet = analysis.config().columns().facet();
    String label = analysis.config().columns().label();
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Bias report: ")
        .append(esc(facet))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
    html.append("<h1>Bias report: facet <code>")
        .append(esc(facet))
        .append("</code>, label <code>")
        .append(esc(label))
        .append("</code></h1>");
    html.append("<p class=\"note\">")
        .append(String.format(Locale.ROOT, "%,d", analysis.rows()))
        .append(" rows")
        .append(
            analysis.rowsSkipped() == 0
                ? ""
                : String.format(
                    Locale.ROOT,
                    " (%,d more left out for a missing label, facet%s value)",
                    analysis.rowsSkipped(),
                    analysis.hasPostTraining() ? ", predicted label or group" : " or group"))
        .append(". A label counts as positive when it is ")
        .append(esc(analysis.labelValueOrThreshold()))
        .append(
            ". Group <b>d</b> is the selected facet value(s); group <b>a</b> is every other row.")
        .append(
            analysis.config().labelSupport() == LabelSupport.UNION
                ? " Distribution metrics use every label value of either group (strict mode)."
                : " Distribution metrics use the label values both groups have (SageMaker Clarify's"
                    + " convention).")
        .append("</p>");
    groups(html, analysis);
    for (FacetBias entry : analysis.facets()) {
      html.append("<h2>d = <code>")
          .append(esc(facet))
          .append("</code> ")
          .append(esc(entry.valueOrThreshold()))
          .append("</h2>");
      metrics(html, "Before training (labels)", entry.preTraining());
      if (analysis.hasPostTraining()) {
        metrics(html, "After training (predicted labels)", entry.postTraining());
      }
    }
    html.append("</body></html>\n");
    return html.toString();
  }

  private static void groups(StringBuilder html, BiasAnalysis analysis) {
    List<String> names = new ArrayList<>();
    List<GroupSummary> groups = new ArrayList<>();
    if (analysis.config().facet() == null) {
      for (FacetBias entry : analysis.facets()) {
        names.add(entry.valueOrThreshold());
        groups.add(entry.sensitive());
      }
    } else {
      FacetBias only = analysis.facets().get(0);
      names.add("d: " + only.valueOrThreshold());
      groups.add(only.sensitive());
      names.add("a: the other rows");
      groups.add(only.rest());
    }
    long most = groups.stream().mapToLong(GroupSummary::rows).max().orElse(1);
    boolean post = analysis.hasPostTraining();
    html.append("<h2>Groups</h2><table><tr><th>facet value</th><th>rows</th><th></th>")
        .append("<th>positive labels</th><th></th>");
    if (post) {
      html.append("<th>positive predictions</th><th></th>");
    }
    html.append("</tr>");
    for (int i = 0; i < groups.size(); i++) {
      GroupSummary g = groups.get(i);
      html.append("<tr><td>")
          .append(esc(names.get(i)))
          .append("</td><td class=\"v\">")
          .append(String.format(Locale.ROOT, "%,d", g.rows()))
          .append("</td><td>")
          .append(shareBar((double) g.rows() / most, "#4a78b5"))
          .append("</td><td class=\"v\">")
          .append(percent(g.labelPositiveRate()))
          .append("</td><td>")
          .append(shareBar(g.labelPositiveRate(), "#3c9a5f"))
          .append("</td>");
      if (post) {
        html.append("<td class=\"v\">")
            .append(percent(g.predictedPositiveRate()))
            .append("</td><td>")
            .append(shareBar(g.predictedPositiveRate(), "#c98a2b"))
            .append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</table>");
  }

  private static void metrics(StringBuilder html, String title, List<MetricResult> results) {
    html.append("<h3>")
        .append(title)
        .append("</h3><table><tr><th>metric</th><th>value</th>")
        .append("<th>on its range (| marks no difference)</th><th>meaning</th></tr>");
    for (MetricResult r : results) {
      Metric m = r.metric();
      html.append("<tr><td><abbr title=\"")
          .append(esc(m.description()))
          .append("\">")
          .append(m.name())
          .append("</abbr><br><span class=\"x\">")
          .append(esc(m.description().replaceAll(" \\([A-Z]+\\)$", "")))
          .append("</span></td>");
      if (r.hasValue()) {
        html.append("<td class=\"v\">")
            .append(number(r.value()))
            .append("</td><td>")
            .append(metricBar(m, r.value()))
            .append("</td>");
      } else {
        html.append("<td class=\"v err\">n/a</td><td class=\"err\">")
            .append(esc(r.error()))
            .append("</td>");
      }
      html.append("<td class=\"x\">").append(esc(m.explanation())).append("</td></tr>");
    }
    html.append("</table>");
  }

  /** A horizontal bar from the metric's neutral point to its value, on its (display) range. */
  static String metricBar(Metric m, double value) {
    double spread = m == Metric.DI ? 2 : 1;
    double finite = Double.isFinite(value) ? Math.abs(value) * 1.1 : 0;
    double lo = Double.isFinite(m.min()) ? m.min() : -Math.max(spread, finite);
    double hi = Double.isFinite(m.max()) ? m.max() : Math.max(spread, finite);
    if (Double.isFinite(value)) {
      lo = Math.min(lo, value); // smclarify's KL can fall below its theoretical range
      hi = Math.max(hi, value);
    }
    double shown = Math.max(lo, Math.min(hi, value));
    double x0 = scale(m.neutral(), lo, hi);
    double x1 = scale(shown, lo, hi);
    String color =
        Double.isInfinite(value)
            ? "#a33"
            : Math.abs(value - m.neutral()) < 1e-12 ? "#888" : "#4a78b5";
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg width=\"%d\" height=\"28\" viewBox=\"0 0 %d 28\" role=\"img\" aria-label=\"%s"
                + " %s\">",
            BAR_WIDTH,
            BAR_WIDTH,
            m.name(),
            number(value)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"0\" y1=\"12\" x2=\"%d\" y2=\"12\" stroke=\"#ccc\"/>",
            BAR_WIDTH));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"5\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>",
            Math.min(x0, x1),
            Math.max(1.5, Math.abs(x1 - x0)),
            color));
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"1\" x2=\"%.1f\" y2=\"23\" stroke=\"#222\" stroke-width=\"2\"/>",
            x0,
            x0));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"1\" y=\"27\" font-size=\"8\" fill=\"#777\">%s</text>",
            esc(bound(lo, m.min()))));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"27\" font-size=\"8\" fill=\"#777\" text-anchor=\"end\">%s</text>",
            BAR_WIDTH - 1,
            esc(bound(hi, m.max()))));
    return svg.append("</svg>").toString();
  }

  private static double scale(double v, double lo, double hi) {
    return 4 + (BAR_WIDTH - 8) * (v - lo) / (hi - lo);
  }

  private static String bound(double shown, double declared) {
    return Double.isInfinite(declared) && !Double.isInfinite(shown)
        ? number(shown) + "…"
        : number(shown);
  }

  private static String shareBar(double share, String color) {
    int w = (int) Math.round(Math.max(0, Math.min(1, share)) * 160);
    return String.format(
        Locale.ROOT,
        "<svg width=\"164\" height=\"14\" role=\"img\"><rect x=\"0\" y=\"1\" width=\"162\""
            + " height=\"12\" fill=\"#f1f1f1\"/><rect x=\"0\" y=\"1\" width=\"%d\" height=\"12\""
            + " fill=\"%s\"/></svg>",
        w,
        color);
  }

  private static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    return String.format(Locale.ROOT, "%.4f", v).replace("-", "−");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
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
