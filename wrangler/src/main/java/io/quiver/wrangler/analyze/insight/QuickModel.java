package io.quiver.wrangler.analyze.insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/*
 * As Data Wrangler's quick model: a random forest on 70% of the (sampled) rows, scored on the other
 * 30%, F1 for classification and MSE for regression. Features: numeric columns as they are
 * (missing values take the training mean) and categorical columns one-hot over their 30 most
 * frequent values; text, times and identifier-like columns are left out. Importances are
 * permutation importances on the test rows (model-agnostic, unlike Spark's Gini importances), so
 * a feature the forest never needs scores 0.
 */

/** Trains and scores a quick random forest (Tribuo). Stateless. */
public final class QuickModel {
  static final int MAX_TRAIN_ROWS = 20_000;
  private static final int TREES = 30;
  private static final int DEPTH = 12;
  private static final int MAX_CATEGORIES = 30;

  private QuickModel() {}

  /**
   * Trains on {@code table} to predict {@code target}, split with {@code seed}.
   *
   * @throws io.quiver.storage.error.ValidationException if the target is missing or unusable
   */
  public static QuickModelResult of(SampleTable table, String target, long seed) {
    Target t = Target.of(table, target, MAX_TRAIN_ROWS * 10 / 7);
    List<Integer> features = new ArrayList<>();
    for (int c = 0; c < table.names().size(); c++) {
      long distinct = table.profile(c).distinct().rounded();
      boolean usable =
          table.numeric(c) || (table.categorical(c) && distinct <= Math.max(50, t.rows.length / 2));
      if (c != t.column && distinct > 1 && usable) {
        features.add(c);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int i = 0; i < t.rows.length; i++) {
      (random.nextDouble() < 0.7 ? train : test).add(i);
    }
    Encoding encoding = Encoding.fit(table, features, t, train);
    return t.regression
        ? run(
            table,
            t,
            features,
            encoding,
            train,
            test,
            new RegressionFactory(),
            regressionTrainer(seed),
            seed)
        : run(
            table,
            t,
            features,
            encoding,
            train,
            test,
            new LabelFactory(),
            classificationTrainer(seed),
            seed);
  }

  private static Trainer<Label> classificationTrainer(long seed) {
    return new RandomForestTrainer<>(
        new CARTClassificationTrainer(DEPTH, 0.5f, seed), new VotingCombiner(), TREES, seed);
  }

  private static Trainer<Regressor> regressionTrainer(long seed) {
    return new RandomForestTrainer<>(
        new CARTRegressionTrainer(DEPTH, 5f, 0f, 0.5f, new MeanSquaredError(), seed),
        new AveragingCombiner(),
        TREES,
        seed);
  }

  private static <T extends Output<T>> QuickModelResult run(
      SampleTable table,
      Target t,
      List<Integer> features,
      Encoding encoding,
      List<Integer> train,
      List<Integer> test,
      OutputFactory<T> factory,
      Trainer<T> trainer,
      long seed) {
    MutableDataset<T> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("quiver sample", factory), factory);
    for (int i : train) {
      data.add(example(table, t, features, encoding, i, -1, null, factory));
    }
    Model<T> model = trainer.train(data);
    double score = score(model, table, t, features, encoding, test, -1, null, factory);
    List<FeatureScore> importances = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed + 1);
    double total = 0;
    for (int f : features) {
      int[] shuffled = test.stream().mapToInt(Integer::intValue).toArray();
      for (int i = shuffled.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = swap;
      }
      Map<Integer, Integer> donor = new HashMap<>();
      for (int i = 0; i < shuffled.length; i++) {
        donor.put(test.get(i), shuffled[i]);
      }
      double permuted = score(model, table, t, features, encoding, test, f, donor, factory);
      double drop = Math.max(0, t.regression ? permuted - score : score - permuted);
      importances.add(new FeatureScore(table.names().get(f), drop));
      total += drop;
    }
    double sum = total;
    List<FeatureScore> scaled = new ArrayList<>();
    for (FeatureScore s : importances) {
      scaled.add(new FeatureScore(s.feature(), sum == 0 ? 0 : s.score() / sum));
    }
    scaled.sort(Comparator.comparingDouble(FeatureScore::score).reversed());
    return new QuickModelResult(
        t.name,
        t.regression ? "regression" : "classification",
        t.regression ? "mse" : "f1",
        score,
        train.size(),
        test.size(),
        scaled);
  }

  /**
   * An example of row {@code i}, with column {@code swapped} taken from row {@code donor.get(i)}.
   */
  private static <T extends Output<T>> Example<T> example(
      SampleTable table,
      Target t,
      List<Integer> features,
      Encoding encoding,
      int i,
      int swapped,
      Map<Integer, Integer> donor,
      OutputFactory<T> factory) {
    @SuppressWarnings("unchecked")
    T output =
        t.regression
            ? (T) new Regressor("target", t.values[i])
            : (T) new Label(t.classes.get((int) t.values[i]));
    ArrayExample<T> example = new ArrayExample<>(output);
    for (int c : features) {
      int row = t.rows[c == swapped ? donor.get(i) : i];
      encoding.encode(table, c, row, example);
    }
    return example;
  }

  private static <T extends Output<T>> double score(
      Model<T> model,
      SampleTable table,
      Target t,
      List<Integer> features,
      Encoding encoding,
      List<Integer> test,
      int swapped,
      Map<Integer, Integer> donor,
      OutputFactory<T> factory) {
    int k = t.regression ? 0 : t.classes.size();
    long[] truePositive = new long[k];
    long[] predictedCount = new long[k];
    long[] actualCount = new long[k];
    double squares = 0;
    for (int i : test) {
      Example<T> example = example(table, t, features, encoding, i, swapped, donor, factory);
      T predicted = model.predict(example).getOutput();
      if (t.regression) {
        double p = ((Regressor) predicted).getValues()[0];
        squares += (p - t.values[i]) * (p - t.values[i]);
      } else {
        int p = t.classes.indexOf(((Label) predicted).getLabel());
        int a = (int) t.values[i];
        actualCount[a]++;
        if (p >= 0) {
          predictedCount[p]++;
          if (p == a) {
            truePositive[p]++;
          }
        }
      }
    }
    if (t.regression) {
      return test.isEmpty() ? Double.NaN : squares / test.size();
    }
    double f1 = 0;
    int classes = 0;
    for (int cls = 0; cls < k; cls++) {
      if (actualCount[cls] == 0 && predictedCount[cls] == 0) {
        continue;
      }
      double precision =
          predictedCount[cls] == 0 ? 0 : (double) truePositive[cls] / predictedCount[cls];
      double recall = actualCount[cls] == 0 ? 0 : (double) truePositive[cls] / actualCount[cls];
      f1 += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      classes++;
    }
    return classes == 0 ? Double.NaN : f1 / classes;
  }

  /** How columns become features: means for missing numbers, one-hot for top categories. */
  private record Encoding(Map<Integer, Double> means, Map<Integer, List<String>> categories) {
    static Encoding fit(SampleTable table, List<Integer> features, Target t, List<Integer> train) {
      Map<Integer, Double> means = new HashMap<>();
      Map<Integer, List<String>> categories = new HashMap<>();
      for (int c : features) {
        if (table.numeric(c)) {
          means.put(
              c,
              train.stream()
                  .mapToDouble(i -> table.number(c)[t.rows[i]])
                  .filter(v -> !Double.isNaN(v))
                  .average()
                  .orElse(0));
        } else {
          Map<String, Integer> counts = new HashMap<>();
          for (int i : train) {
            String v = table.text(c)[t.rows[i]];
            if (v != null) {
              counts.merge(v, 1, Integer::sum);
            }
          }
          categories.put(
              c,
              counts.entrySet().stream()
                  .sorted(
                      Map.Entry.<String, Integer>comparingByValue()
                          .reversed()
                          .thenComparing(Map.Entry.comparingByKey()))
                  .limit(MAX_CATEGORIES)
                  .map(Map.Entry::getKey)
                  .toList());
        }
      }
      return new Encoding(means, categories);
    }

    <T extends Output<T>> void encode(SampleTable table, int c, int row, ArrayExample<T> example) {
      String name = table.names().get(c);
      if (table.numeric(c)) {
        double v = table.number(c)[row];
        example.add(name, Double.isNaN(v) ? means.get(c) : v);
        return;
      }
      String v = table.text(c)[row];
      List<String> top = categories.get(c);
      int at = v == null ? -1 : top.indexOf(v);
      example.add(name + "=" + (at >= 0 ? v : "(other)"), 1.0);
    }
  }
}
