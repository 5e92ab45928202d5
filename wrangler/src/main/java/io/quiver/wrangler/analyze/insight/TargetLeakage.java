package io.quiver.wrangler.analyze.insight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * The single-feature model is a lookup table learnt on the training folds: a numeric feature is
 * cut at its training deciles, a categorical one keeps its 50 most frequent values, and a missing
 * value is a group of its own; each group predicts the training rows' class shares (add-one
 * smoothed) or mean target. Out-of-fold predictions are pooled and scored once: ROC-AUC (Mann-
 * Whitney, ties averaged; one class against the rest, averaged over classes, when there are more
 * than two) or R². A feature that copies the target scores 1; an unrelated one about 0.5 (AUC) or
 * 0 (R²).
 */

/** Target leakage by per-feature cross-validated scores. Stateless. */
public final class TargetLeakage {
  static final int FOLDS = 5;
  static final int MAX_ROWS = 10_000;
  private static final int BINS = 10;
  private static final int MAX_GROUPS = 50;

  private TargetLeakage() {}

  /**
   * Scores every feature of {@code table} against {@code target}.
   *
   * @throws io.quiver.storage.error.ValidationException if the target is missing or unusable
   */
  public static LeakageReport of(SampleTable table, String target) {
    Target t = Target.of(table, target, MAX_ROWS);
    List<FeatureScore> scores = new ArrayList<>();
    for (int c = 0; c < table.names().size(); c++) {
      if (c == t.column || table.profile(c).distinct().rounded() < 2) {
        continue;
      }
      boolean numeric = table.numeric(c);
      if (!numeric && !table.categorical(c)) {
        continue;
      }
      scores.add(new FeatureScore(table.names().get(c), score(table, c, numeric, t)));
    }
    scores.sort(Comparator.comparingDouble(FeatureScore::score).reversed());
    return new LeakageReport(target, t.regression ? "r2" : "roc_auc", t.rows.length, scores);
  }

  private static double score(SampleTable table, int c, boolean numeric, Target t) {
    int n = t.rows.length;
    int k = t.regression ? 1 : t.classes.size();
    double[][] predicted = new double[n][k];
    for (int fold = 0; fold < FOLDS; fold++) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (i % FOLDS != fold) {
          train.add(i);
        }
      }
      Grouping grouping = Grouping.fit(table, c, numeric, t, train);
      Map<Integer, double[]> sums = new HashMap<>(); // group -> per class counts (or sum, count)
      for (int i : train) {
        double[] s = sums.computeIfAbsent(grouping.group(i), g -> new double[Math.max(2, k)]);
        if (t.regression) {
          s[0] += t.values[i];
          s[1]++;
        } else {
          s[(int) t.values[i]]++;
        }
      }
      double mean = Arrays.stream(t.values).average().orElse(0);
      for (int i = fold; i < n; i += FOLDS) {
        double[] s = sums.get(grouping.group(i));
        if (t.regression) {
          predicted[i][0] = s == null ? mean : s[0] / s[1];
        } else {
          double total = s == null ? 0 : Arrays.stream(s).sum();
          for (int cls = 0; cls < k; cls++) {
            predicted[i][cls] = ((s == null ? 0 : s[cls]) + 1) / (total + k);
          }
        }
      }
    }
    return t.regression ? r2(t.values, predicted) : auc(t, predicted);
  }

  private static double r2(double[] actual, double[][] predicted) {
    double mean = Arrays.stream(actual).average().orElse(0);
    double sse = 0;
    double sst = 0;
    for (int i = 0; i < actual.length; i++) {
      sse += (actual[i] - predicted[i][0]) * (actual[i] - predicted[i][0]);
      sst += (actual[i] - mean) * (actual[i] - mean);
    }
    return sst == 0 ? Double.NaN : 1 - sse / sst;
  }

  private static double auc(Target t, double[][] predicted) {
    int k = t.classes.size();
    if (k == 2) {
      return auc(t.values, predicted, 1);
    }
    double sum = 0;
    int counted = 0;
    for (int cls = 0; cls < k; cls++) {
      double a = auc(t.values, predicted, cls);
      if (!Double.isNaN(a)) {
        sum += a;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  /** ROC-AUC of class {@code cls} against the rest by the Mann-Whitney U statistic. */
  static double auc(double[] classes, double[][] predicted, int cls) {
    int n = classes.length;
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = predicted[i][cls];
    }
    double[] ranks = Correlations.ranks(scores);
    double positiveRanks = 0;
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (classes[i] == cls) {
        positiveRanks += ranks[i];
        positives++;
      }
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Maps a row's feature value to a group learnt on training rows. */
  private record Grouping(
      double[] cuts,
      Map<String, Integer> categories,
      SampleTable table,
      int c,
      boolean numeric,
      Target t) {
    static Grouping fit(SampleTable table, int c, boolean numeric, Target t, List<Integer> train) {
      if (numeric) {
        double[] values =
            train.stream()
                .mapToDouble(i -> table.number(c)[t.rows[i]])
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        double[] cuts = new double[BINS - 1];
        for (int b = 1; b < BINS; b++) {
          cuts[b - 1] =
              values.length == 0 ? 0 : values[(int) ((long) b * (values.length - 1) / BINS)];
        }
        return new Grouping(cuts, Map.of(), table, c, true, t);
      }
      Map<String, Integer> counts = new HashMap<>();
      for (int i : train) {
        String v = table.text(c)[t.rows[i]];
        if (v != null) {
          counts.merge(v, 1, Integer::sum);
        }
      }
      List<Map.Entry<String, Integer>> top = new ArrayList<>(counts.entrySet());
      top.sort(
          Map.Entry.<String, Integer>comparingByValue()
              .reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      Map<String, Integer> categories = new HashMap<>();
      for (int g = 0; g < Math.min(MAX_GROUPS, top.size()); g++) {
        categories.put(top.get(g).getKey(), g);
      }
      return new Grouping(new double[0], categories, table, c, false, t);
    }

    int group(int i) {
      int row = t.rows[i];
      if (numeric) {
        double v = table.number(c)[row];
        if (Double.isNaN(v)) {
          return -1;
        }
        int g = Arrays.binarySearch(cuts, v);
        return g >= 0 ? g : -g - 1;
      }
      String v = table.text(c)[row];
      return v == null ? -1 : categories.getOrDefault(v, -2);
    }
  }
}
