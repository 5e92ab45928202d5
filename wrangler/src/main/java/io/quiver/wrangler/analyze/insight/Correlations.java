package io.quiver.wrangler.analyze.insight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature correlation on the sample: Pearson's r for linear relations and Spearman's rank
 * correlation for monotonic ones, between numeric columns; and a categorical-aware matrix over
 * numeric and categorical columns together, in [0, 1]: |Spearman| between two numeric columns, the
 * correlation ratio η between a numeric and a categorical column, and Cramér's V between two
 * categorical columns. Pairs use the rows where both values are present. Stateless.
 */
public final class Correlations {
  /** Categorical columns with more distinct values than this are left out. */
  static final int MAX_CATEGORIES = 100;

  private Correlations() {}

  /** The Pearson, Spearman and categorical-aware matrices of the sample's columns. */
  public static List<CorrelationMatrix> of(SampleTable table) {
    List<Integer> numeric = new ArrayList<>();
    List<Integer> mixed = new ArrayList<>();
    for (int c = 0; c < table.names().size(); c++) {
      boolean varies = table.profile(c).distinct().rounded() > 1;
      if (table.numeric(c) && varies) {
        numeric.add(c);
        mixed.add(c);
      } else if (table.categorical(c)
          && varies
          && table.profile(c).distinct().rounded() <= MAX_CATEGORIES) {
        mixed.add(c);
      }
    }
    int n = numeric.size();
    double[][] pearson = new double[n][n];
    double[][] spearman = new double[n][n];
    Map<Integer, double[]> ranks = new HashMap<>();
    for (int c : numeric) {
      ranks.put(c, ranks(table.number(c)));
    }
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double[] x = table.number(numeric.get(i));
        double[] y = table.number(numeric.get(j));
        pearson[i][j] = pearson[j][i] = i == j ? 1 : pearson(x, y);
        spearman[i][j] = spearman[j][i] = i == j ? 1 : spearman(x, y);
      }
    }
    int m = mixed.size();
    double[][] any = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = i; j < m; j++) {
        int a = mixed.get(i);
        int b = mixed.get(j);
        double v;
        if (i == j) {
          v = 1;
        } else if (table.numeric(a) && table.numeric(b)) {
          v = Math.abs(spearman(table.number(a), table.number(b)));
        } else if (table.numeric(a)) {
          v = correlationRatio(table.text(b), table.number(a));
        } else if (table.numeric(b)) {
          v = correlationRatio(table.text(a), table.number(b));
        } else {
          v = cramersV(table.text(a), table.text(b));
        }
        any[i][j] = any[j][i] = v;
      }
    }
    List<String> numericNames = numeric.stream().map(c -> table.names().get(c)).toList();
    List<String> mixedNames = mixed.stream().map(c -> table.names().get(c)).toList();
    return List.of(
        new CorrelationMatrix("pearson", numericNames, pearson),
        new CorrelationMatrix("spearman", numericNames, spearman),
        new CorrelationMatrix("mixed", mixedNames, any));
  }

  /** Pearson's r over the rows where both are present; NaN if either is constant there. */
  public static double pearson(double[] x, double[] y) {
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int r = 0; r < x.length; r++) {
      if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
        sx += x[r];
        sy += y[r];
        n++;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double mx = sx / n;
    double my = sy / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int r = 0; r < x.length; r++) {
      if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
        double dx = x[r] - mx;
        double dy = y[r] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** Spearman's rank correlation: Pearson's r of the ranks (ties averaged) of complete pairs. */
  public static double spearman(double[] x, double[] y) {
    int n = 0;
    for (int r = 0; r < x.length; r++) {
      if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
        n++;
      }
    }
    double[] a = new double[n];
    double[] b = new double[n];
    int k = 0;
    for (int r = 0; r < x.length; r++) {
      if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
        a[k] = x[r];
        b[k++] = y[r];
      }
    }
    return pearson(ranks(a), ranks(b));
  }

  /** The ranks (1-based, ties averaged) of the values; NaN stays NaN. */
  static double[] ranks(double[] values) {
    Integer[] order = new Integer[values.length];
    int present = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        order[present++] = i;
      }
    }
    Integer[] sorted = Arrays.copyOf(order, present);
    Arrays.sort(sorted, (p, q) -> Double.compare(values[p], values[q]));
    double[] ranks = new double[values.length];
    Arrays.fill(ranks, Double.NaN);
    for (int i = 0; i < present; ) {
      int j = i;
      while (j + 1 < present && values[sorted[j + 1]] == values[sorted[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        ranks[sorted[t]] = rank;
      }
      i = j + 1;
    }
    return ranks;
  }

  /** The correlation ratio η: the share of the numeric variance explained by the categories. */
  public static double correlationRatio(String[] categories, double[] values) {
    Map<String, double[]> groups = new HashMap<>(); // sum, count
    double total = 0;
    int n = 0;
    for (int r = 0; r < values.length; r++) {
      if (categories[r] != null && !Double.isNaN(values[r])) {
        double[] g = groups.computeIfAbsent(categories[r], k -> new double[2]);
        g[0] += values[r];
        g[1]++;
        total += values[r];
        n++;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double mean = total / n;
    double between = 0;
    for (double[] g : groups.values()) {
      double d = g[0] / g[1] - mean;
      between += g[1] * d * d;
    }
    double all = 0;
    for (int r = 0; r < values.length; r++) {
      if (categories[r] != null && !Double.isNaN(values[r])) {
        double d = values[r] - mean;
        all += d * d;
      }
    }
    return all == 0 ? Double.NaN : Math.sqrt(between / all);
  }

  /** Cramér's V of two categorical columns: sqrt(χ² / (n (min(rows, columns) - 1))). */
  public static double cramersV(String[] a, String[] b) {
    Map<String, Integer> ai = new HashMap<>();
    Map<String, Integer> bi = new HashMap<>();
    List<int[]> pairs = new ArrayList<>();
    for (int r = 0; r < a.length; r++) {
      if (a[r] != null && b[r] != null) {
        int i = ai.computeIfAbsent(a[r], k -> ai.size());
        int j = bi.computeIfAbsent(b[r], k -> bi.size());
        pairs.add(new int[] {i, j});
      }
    }
    int n = pairs.size();
    int k = Math.min(ai.size(), bi.size());
    if (n == 0 || k < 2) {
      return Double.NaN;
    }
    double[][] table = new double[ai.size()][bi.size()];
    double[] rowSums = new double[ai.size()];
    double[] columnSums = new double[bi.size()];
    for (int[] p : pairs) {
      table[p[0]][p[1]]++;
      rowSums[p[0]]++;
      columnSums[p[1]]++;
    }
    double chi2 = 0;
    for (int i = 0; i < rowSums.length; i++) {
      for (int j = 0; j < columnSums.length; j++) {
        double expected = rowSums[i] * columnSums[j] / n;
        double d = table[i][j] - expected;
        chi2 += d * d / expected;
      }
    }
    return Math.sqrt(chi2 / (n * (double) (k - 1)));
  }
}
