package io.quiver.wrangler.analyze.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.analyze.insight.CorrelationMatrix;
import io.quiver.wrangler.analyze.insight.FeatureScore;
import io.quiver.wrangler.analyze.insight.SampleTable;
import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.Histogram;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the charts of an analysis. Colour-by splits a chart into one series per value of a column
 * (its {@value #MAX_COLORS} most frequent values, the rest as "other"); facet-by draws one chart
 * per value of a column (its {@value #MAX_FACETS} most frequent). Stateless.
 */
public final class Charts {
  static final int MAX_COLORS = 8;
  static final int MAX_FACETS = 6;
  static final int MAX_POINTS = 5_000;
  private static final Color[] PALETTE = {
    new Color(0x4a78b5), new Color(0xd9822b), new Color(0x3c9a5f), new Color(0xc23b3b),
    new Color(0x8e6bb8), new Color(0x8c6d4f), new Color(0xd377b5), new Color(0x7f7f7f),
    new Color(0xb8b83a)
  };
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Charts() {}

  /** The exact histogram of a numeric column over every row, from its profile. */
  public static io.quiver.wrangler.analyze.chart.Chart histogram(ColumnProfile column, String id) {
    Histogram h = column.histogram();
    if (h == null) {
      throw new ValidationException(
          "Cannot draw a histogram of '" + column.name() + "': it is not numeric");
    }
    XYChart chart = xy("Histogram of " + column.name(), column.name(), "rows", 480, 240);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartTitleVisible(false);
    addSteps(chart, "rows", h.edges(), h.counts(), PALETTE[0]);
    ObjectNode data = histogramData(column.name(), h.edges());
    data.putObject("counts").set("all rows", longs(h.counts()));
    return render(id, "Histogram of " + column.name() + " (every row, exact)", chart, data);
  }

  /**
   * Histograms of a numeric column on the sample, one series per value of {@code colorBy} and one
   * chart per value of {@code facetBy} (either may be null), on the profile's bin edges.
   */
  public static List<io.quiver.wrangler.analyze.chart.Chart> histogram(
      SampleTable table, String column, @Nullable String colorBy, @Nullable String facetBy) {
    int c = numericColumn(table, column, "histogram");
    double[] edges = table.profile(c).histogram().edges();
    double[] x = table.number(c);
    List<io.quiver.wrangler.analyze.chart.Chart> charts = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> facet : groups(table, facetBy, MAX_FACETS).entrySet()) {
      String title =
          "Histogram of "
              + column
              + (facetBy == null ? "" : " where " + facetBy + " = " + facet.getKey());
      XYChart chart = xy(title, column, "sampled rows", 640, 360);
      chart.getStyler().setLegendVisible(colorBy != null);
      ObjectNode data = histogramData(column, edges);
      ObjectNode counts = data.putObject("counts");
      int colour = 0;
      for (Map.Entry<String, List<Integer>> series :
          groups(table, colorBy, MAX_COLORS, facet.getValue()).entrySet()) {
        long[] bins = new long[Math.max(0, edges.length - 1)];
        for (int r : series.getValue()) {
          int b = bin(edges, x[r]);
          if (b >= 0) {
            bins[b]++;
          }
        }
        addSteps(chart, series.getKey(), edges, bins, PALETTE[colour++ % PALETTE.length]);
        counts.set(series.getKey(), longs(bins));
      }
      data.put("color_by", colorBy);
      data.put("facet_by", facetBy);
      data.put("facet", facetBy == null ? null : facet.getKey());
      charts.add(
          render(id("histogram", column, colorBy, facetBy, facet.getKey()), title, chart, data));
    }
    return charts;
  }

  /**
   * Scatter plots of two numeric columns on the sample (at most {@value #MAX_POINTS} points a
   * chart), coloured by {@code colorBy} and one chart per value of {@code facetBy}.
   */
  public static List<io.quiver.wrangler.analyze.chart.Chart> scatter(
      SampleTable table,
      String xName,
      String yName,
      @Nullable String colorBy,
      @Nullable String facetBy) {
    int xc = numericColumn(table, xName, "scatter plot");
    int yc = numericColumn(table, yName, "scatter plot");
    List<io.quiver.wrangler.analyze.chart.Chart> charts = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> facet : groups(table, facetBy, MAX_FACETS).entrySet()) {
      String title =
          yName
              + " against "
              + xName
              + (facetBy == null ? "" : " where " + facetBy + " = " + facet.getKey());
      XYChart chart = xy(title, xName, yName, 640, 440);
      chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      chart.getStyler().setMarkerSize(4);
      chart.getStyler().setLegendVisible(colorBy != null);
      ObjectNode data = JSON.objectNode();
      data.put("x", xName).put("y", yName).put("color_by", colorBy).put("facet_by", facetBy);
      data.put("facet", facetBy == null ? null : facet.getKey());
      ObjectNode points = data.putObject("points");
      int colour = 0;
      for (Map.Entry<String, List<Integer>> series :
          groups(table, colorBy, MAX_COLORS, facet.getValue()).entrySet()) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int r : series.getValue()) {
          if (xs.size() >= MAX_POINTS) {
            break;
          }
          double xv = table.number(xc)[r];
          double yv = table.number(yc)[r];
          if (!Double.isNaN(xv) && !Double.isNaN(yv)) {
            xs.add(xv);
            ys.add(yv);
          }
        }
        if (xs.isEmpty()) {
          continue;
        }
        XYSeries s = chart.addSeries(series.getKey(), xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(alpha(PALETTE[colour++ % PALETTE.length], 150));
        ArrayNode array = points.putArray(series.getKey());
        for (int i = 0; i < xs.size(); i++) {
          array.addArray().add(xs.get(i)).add(ys.get(i));
        }
      }
      charts.add(
          render(
              id("scatter", xName + "-" + yName, colorBy, facetBy, facet.getKey()),
              title,
              chart,
              data));
    }
    return charts;
  }

  /** A heatmap of a correlation matrix, values printed in the cells. */
  public static io.quiver.wrangler.analyze.chart.Chart correlation(CorrelationMatrix matrix) {
    List<String> names = matrix.columns();
    int size = Math.max(420, Math.min(1100, 160 + 48 * names.size()));
    String title = "Correlation (" + matrix.method() + ")";
    HeatMapChart chart = new HeatMapChartBuilder().width(size).height(size).title(title).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setShowValue(names.size() <= 20);
    chart.getStyler().setHeatMapValueDecimalPattern("0.00");
    chart.getStyler().setMin(matrix.method().equals("mixed") ? 0 : -1);
    chart.getStyler().setMax(1);
    chart
        .getStyler()
        .setRangeColors(
            matrix.method().equals("mixed")
                ? new Color[] {Color.WHITE, new Color(0x4a78b5)}
                : new Color[] {new Color(0xc23b3b), Color.WHITE, new Color(0x4a78b5)});
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setLegendVisible(true);
    List<Number[]> cells = new ArrayList<>();
    ObjectNode data = JSON.objectNode();
    data.put("method", matrix.method());
    ArrayNode columns = data.putArray("columns");
    names.forEach(columns::add);
    ArrayNode values = data.putArray("values");
    for (int i = 0; i < names.size(); i++) {
      ArrayNode row = values.addArray();
      for (int j = 0; j < names.size(); j++) {
        double v = matrix.get(i, j);
        cells.add(new Number[] {j, i, Double.isNaN(v) ? 0 : Math.round(v * 1000) / 1000.0});
        if (Double.isNaN(v)) {
          row.addNull();
        } else {
          row.add(v);
        }
      }
    }
    chart.addSeries(matrix.method(), names, names, cells);
    return render("correlation-" + matrix.method(), title, chart, data);
  }

  /** A bar chart of per-feature scores, in the given order. */
  public static io.quiver.wrangler.analyze.chart.Chart bars(
      String id, String title, String axis, List<FeatureScore> scores) {
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    ObjectNode data = JSON.objectNode();
    ObjectNode entries = data.putObject("scores");
    for (FeatureScore s : scores.subList(0, Math.min(40, scores.size()))) {
      names.add(s.feature());
      values.add(Double.isNaN(s.score()) ? 0 : s.score());
      entries.put(s.feature(), s.score());
    }
    data.put("metric", axis);
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(Math.max(480, Math.min(1100, 200 + 36 * names.size())))
            .height(380)
            .title(title)
            .yAxisTitle(axis)
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setSeriesColors(new Color[] {PALETTE[0]});
    if (names.isEmpty()) {
      names.add("(none)");
      values.add(0.0);
    }
    chart.addSeries(axis, names, values);
    return render(id, title, chart, data);
  }

  private static int numericColumn(SampleTable table, String name, String what) {
    int c = table.indexOf(name);
    if (c < 0) {
      throw new ValidationException(
          "Cannot draw a "
              + what
              + " of '"
              + name
              + "': no such column (columns: "
              + String.join(", ", table.names())
              + ")");
    }
    if (!table.numeric(c) || table.profile(c).histogram() == null) {
      throw new ValidationException(
          "Cannot draw a "
              + what
              + " of '"
              + name
              + "': it is not numeric (it is "
              + table.profile(c).type().name().toLowerCase(Locale.ROOT)
              + ")");
    }
    return c;
  }

  /** The sample's rows grouped by the value of {@code column} (one group of all rows if null). */
  private static Map<String, List<Integer>> groups(
      SampleTable table, @Nullable String column, int max) {
    List<Integer> all = new ArrayList<>();
    for (int r = 0; r < table.rows(); r++) {
      all.add(r);
    }
    return groups(table, column, max, all);
  }

  private static Map<String, List<Integer>> groups(
      SampleTable table, @Nullable String column, int max, List<Integer> rows) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    if (column == null) {
      groups.put("all rows", rows);
      return groups;
    }
    int c = table.indexOf(column);
    if (c < 0) {
      throw new ValidationException(
          "Cannot group by '"
              + column
              + "': no such column (columns: "
              + String.join(", ", table.names())
              + ")");
    }
    Map<String, Integer> counts = new HashMap<>();
    for (int r : rows) {
      counts.merge(String.valueOf(table.text(c)[r]), 1, Integer::sum);
    }
    List<String> top =
        counts.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(max)
            .map(Map.Entry::getKey)
            .toList();
    for (String value : top) {
      groups.put(value.equals("null") ? "(missing)" : value, new ArrayList<>());
    }
    for (int r : rows) {
      String value = String.valueOf(table.text(c)[r]);
      String key = top.contains(value) ? (value.equals("null") ? "(missing)" : value) : "(other)";
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  private static int bin(double[] edges, double x) {
    if (Double.isNaN(x) || edges.length < 2 || x < edges[0] || x >= edges[edges.length - 1]) {
      return -1;
    }
    int lo = 0;
    int hi = edges.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (edges[mid] <= x) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static XYChart xy(String title, String x, String y, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(x)
            .yAxisTitle(y)
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return chart;
  }

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    styler.setAntiAlias(true);
  }

  private static void addSteps(
      XYChart chart, String name, double[] edges, long[] counts, Color color) {
    if (counts.length == 0) {
      chart.addSeries(name, new double[] {0}, new double[] {0});
      return;
    }
    double[] xs = new double[counts.length * 2];
    double[] ys = new double[counts.length * 2];
    for (int b = 0; b < counts.length; b++) {
      xs[2 * b] = edges[b];
      xs[2 * b + 1] = edges[b + 1];
      ys[2 * b] = counts[b];
      ys[2 * b + 1] = counts[b];
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setFillColor(alpha(color, 110));
  }

  private static Color alpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  private static ObjectNode histogramData(String column, double[] edges) {
    ObjectNode data = JSON.objectNode();
    data.put("column", column);
    ArrayNode e = data.putArray("edges");
    for (double edge : edges) {
      e.add(edge);
    }
    return data;
  }

  private static ArrayNode longs(long[] values) {
    ArrayNode array = JSON.arrayNode();
    for (long v : values) {
      array.add(v);
    }
    return array;
  }

  private static String id(
      String kind,
      String column,
      @Nullable String colorBy,
      @Nullable String facetBy,
      String facet) {
    StringBuilder id = new StringBuilder(kind).append('-').append(column);
    if (colorBy != null) {
      id.append("-by-").append(colorBy);
    }
    if (facetBy != null) {
      id.append("-facet-").append(facetBy).append('-').append(facet);
    }
    return safe(id.toString());
  }

  /** {@code text} with every character outside letters, digits, dot, dash and underscore as _. */
  public static String safe(String text) {
    String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "_");
    return cleaned.length() > 120 ? cleaned.substring(0, 120) : cleaned;
  }

  private static io.quiver.wrangler.analyze.chart.Chart render(
      String id, String title, Chart<?, ?> chart, ObjectNode data) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      data.put("title", title);
      return new io.quiver.wrangler.analyze.chart.Chart(safe(id), title, png, data);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot draw chart " + id + ": " + e.getMessage(), e);
    }
  }
}
