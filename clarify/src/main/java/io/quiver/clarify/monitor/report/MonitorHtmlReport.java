package io.quiver.clarify.monitor.report;

import io.quiver.clarify.monitor.MonitorResults;
import io.quiver.clarify.monitor.MonitorViolation;
import io.quiver.clarify.monitor.WindowResult;
import io.quiver.wrangler.analyze.chart.Chart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The report of one monitor as a self-contained HTML page: a table of its windows (status, rows,
 * labelled rows, violations), then each checked metric over time with its baseline band and the
 * violating windows marked. Charts are embedded PNG images; their data is written next to the page.
 * Stateless.
 */
public final class MonitorHtmlReport {
  private static final String STYLE =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}"
          + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}"
          + "table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;text-align:left;"
          + "border-bottom:1px solid #eee}th{font-weight:600}.v{text-align:right;"
          + "font-variant-numeric:tabular-nums}.bad{color:#a33;font-weight:600}.note{color:#555}"
          + "img{max-width:100%;height:auto}figure{margin:1em 0}figcaption{color:#555;"
          + "font-size:.9em}";

  private MonitorHtmlReport() {}

  /**
   * Writes the page of {@code monitor}'s kept windows to {@code file}, and each chart's data to
   * {@code <name>-data/<chart>.json} next to it.
   *
   * @return the charts drawn
   * @throws UncheckedIOException if a file cannot be written
   */
  public static List<Chart> write(String monitor, MonitorResults results, Path file) {
    List<MonitorResults.Execution> executions = results.list(monitor);
    List<Chart> charts = MonitorCharts.of(executions);
    Path page = file.toAbsolutePath();
    String stem = page.getFileName().toString().replaceFirst("\\.html?$", "");
    Path dataDir = page.resolveSibling(stem + "-data");
    for (Chart chart : charts) {
      chart.write(dataDir, false);
    }
    try {
      Files.createDirectories(page.getParent());
      Files.writeString(
          page,
          render(monitor, executions, charts, dataDir.getFileName().toString()),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report " + file + ": " + e.getMessage(), e);
    }
    return charts;
  }

  /** The page; chart data links point into {@code dataFolder}. */
  static String render(
      String monitor,
      List<MonitorResults.Execution> executions,
      List<Chart> charts,
      String dataFolder) {
    StringBuilder html = new StringBuilder(1 << 16);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc("Monitor " + monitor))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body><h1>")
        .append(esc("Monitor " + monitor))
        .append("</h1>");
    if (executions.isEmpty()) {
      html.append("<p class=\"note\">No window has been evaluated yet.</p></body></html>\n");
      return html.toString();
    }
    long violated = executions.stream().filter(e -> !e.result().violations().isEmpty()).count();
    html.append("<p>")
        .append(esc(executions.get(0).type().sageMakerName()))
        .append(" · ")
        .append(executions.size())
        .append(" windows, ")
        .append(violated)
        .append(" with violations.</p><h2>Windows</h2><table><tr><th>window start (UTC)</th>")
        .append("<th>status</th><th class=\"v\">records</th><th class=\"v\">labelled</th>")
        .append("<th class=\"v\">evaluations</th><th>violations</th></tr>");
    for (MonitorResults.Execution e : executions) {
      WindowResult r = e.result();
      boolean bad = !r.violations().isEmpty() || r.status().equals(WindowResult.FAILED);
      html.append("<tr><td>")
          .append(esc(r.window().start().toString()))
          .append("</td><td")
          .append(bad ? " class=\"bad\">" : ">")
          .append(esc(r.status()))
          .append("</td><td class=\"v\">")
          .append(r.rows())
          .append("</td><td class=\"v\">")
          .append(r.labelledRows())
          .append("</td><td class=\"v\">")
          .append(e.evaluations())
          .append("</td><td>")
          .append(esc(summary(r)))
          .append("</td></tr>");
    }
    html.append(
        "</table><h2>Metrics over time</h2><p class=\"note\">Dashed lines: the band the"
            + " baseline allows. Red diamonds: windows that broke it.</p>");
    for (Chart chart : charts) {
      html.append("<figure><img alt=\"")
          .append(esc(chart.title()))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(chart.png()))
          .append("\"><figcaption>")
          .append(esc(chart.title()))
          .append(" · <a href=\"")
          .append(esc(dataFolder + "/" + chart.id() + ".json"))
          .append("\">data</a></figcaption></figure>");
    }
    html.append("</body></html>\n");
    return html.toString();
  }

  private static String summary(WindowResult r) {
    if (r.failureReason() != null) {
      return r.failureReason();
    }
    if (r.violations().isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (MonitorViolation v : r.violations()) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(
          v.metric().equals(v.subject())
              ? v.subject() + " " + v.checkType()
              : String.format(Locale.ROOT, "%s %s", v.metric(), v.subject()));
    }
    return text.toString();
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
