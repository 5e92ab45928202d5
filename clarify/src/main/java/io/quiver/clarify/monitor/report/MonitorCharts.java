package io.quiver.clarify.monitor.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.clarify.monitor.MetricPoint;
import io.quiver.clarify.monitor.MonitorResults;
import io.quiver.wrangler.analyze.chart.Chart;
import io.quiver.wrangler.analyze.chart.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws one chart per checked metric and subject over a monitor's windows. Stateless. */
public final class MonitorCharts {
  private static final Color VALUE = new Color(0x1f, 0x77, 0xb4);
  private static final Color BAND = new Color(0x99, 0x99, 0x99);
  private static final Color VIOLATION = new Color(0xd6, 0x27, 0x28);

  private MonitorCharts() {}

  /** The charts of {@code executions} (oldest window first), one per metric and subject. */
  public static List<Chart> of(List<MonitorResults.Execution> executions) {
    Map<String, List<Point>> series = new LinkedHashMap<>();
    for (MonitorResults.Execution e : executions) {
      Date at = Date.from(e.result().window().start());
      for (MetricPoint p : e.result().metrics()) {
        series.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(new Point(at, p));
      }
    }
    List<Chart> charts = new ArrayList<>();
    for (Map.Entry<String, List<Point>> s : series.entrySet()) {
      charts.add(chart(s.getKey(), s.getValue()));
    }
    return charts;
  }

  private record Point(Date at, MetricPoint metric) {}

  private static Chart chart(String name, List<Point> points) {
    String title = name + " per window";
    XYChart chart =
        new XYChartBuilder()
            .width(760)
            .height(300)
            .title(title)
            .xAxisTitle("window start (UTC)")
            .yAxisTitle(points.get(0).metric().metric())
            .build();
    Styler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setAntiAlias(true);
    chart.getStyler().setDatePattern("MM-dd HH:mm");
    line(chart, "value", points, p -> p.value(), VALUE, false);
    line(chart, "baseline upper bound", points, p -> p.upper(), BAND, true);
    line(chart, "baseline lower bound", points, p -> p.lower(), BAND, true);
    List<Point> violated = points.stream().filter(p -> p.metric().violated()).toList();
    if (!violated.isEmpty()) {
      XYSeries v =
          chart.addSeries(
              "violation",
              violated.stream().map(Point::at).toList(),
              violated.stream().map(p -> clip(p.metric().value(), points)).toList());
      v.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      v.setMarker(SeriesMarkers.DIAMOND);
      v.setMarkerColor(VIOLATION);
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("title", title);
    ArrayNode rows = data.putArray("windows");
    for (Point p : points) {
      rows.addObject()
          .put("window_start", p.at().toInstant().toString())
          .put("value", p.metric().value())
          .put("lower", p.metric().lower())
          .put("upper", p.metric().upper())
          .put("violated", p.metric().violated());
    }
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return new Chart(Charts.safe("monitor-" + name), title, png, data);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot draw chart " + title + ": " + e.getMessage(), e);
    }
  }

  private interface Value {
    double of(MetricPoint p);
  }

  private static void line(
      XYChart chart, String name, List<Point> points, Value value, Color color, boolean dashed) {
    List<Date> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (Point p : points) {
      double v = value.of(p.metric());
      if (Double.isFinite(v)) {
        xs.add(p.at());
        ys.add(v);
      }
    }
    if (xs.isEmpty()) {
      return;
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setMarker(dashed ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    if (dashed) {
      series.setLineStyle(
          new BasicStroke(
              1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    }
  }

  /** An infinite value drawn at the edge of the finite values, so that its marker shows. */
  private static double clip(double value, List<Point> points) {
    if (Double.isFinite(value)) {
      return value;
    }
    double edge = 0;
    for (Point p : points) {
      double v = p.metric().value();
      if (Double.isFinite(v)) {
        edge = value > 0 ? Math.max(edge, v) : Math.min(edge, v);
      }
    }
    return edge;
  }
}
