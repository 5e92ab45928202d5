package io.quiver.wrangler.analyze.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.ValueCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedViewIterator;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The contents of {@code statistics.json}: the row count and per feature its statistics.
 *
 * @param itemCount the number of rows
 * @param features one entry per column
 */
public record BaselineStatistics(long itemCount, List<FeatureStatistics> features) {
  /** Buckets of the materialised KLL distribution, as SageMaker writes. */
  static final int KLL_BUCKETS = 10;

  /** Copies the features. */
  public BaselineStatistics {
    features = List.copyOf(features);
  }

  /** The statistics of a profiled dataset. */
  public static BaselineStatistics of(DatasetProfile profile) {
    List<FeatureStatistics> features = new ArrayList<>();
    for (ColumnProfile c : profile.columns()) {
      String type = InferredType.of(c.kind());
      long present = c.present();
      boolean numerical = !type.equals(InferredType.STRING);
      features.add(
          new FeatureStatistics(
              c.name(),
              type,
              present,
              c.count() - present,
              numerical ? c.mean() : Double.NaN,
              numerical ? c.sum() : Double.NaN,
              numerical ? c.populationStdDev() : Double.NaN,
              numerical ? c.min() : Double.NaN,
              numerical ? c.max() : Double.NaN,
              numerical ? c.sketch() : null,
              c.distinct().rounded(),
              numerical ? List.of() : c.mostFrequent()));
    }
    return new BaselineStatistics(profile.rows(), features);
  }

  /** The statistics of feature {@code name}. */
  public Optional<FeatureStatistics> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Writes {@code statistics.json} to {@code file}. */
  public void write(Path file) {
    ObjectNode root = BaselineJson.MAPPER.createObjectNode();
    root.put("version", 0);
    root.putObject("dataset").put("item_count", itemCount);
    ArrayNode array = root.putArray("features");
    for (FeatureStatistics f : features) {
      ObjectNode node = array.addObject();
      node.put("name", f.name());
      node.put("inferred_type", f.inferredType());
      ObjectNode stats =
          node.putObject(f.numerical() ? "numerical_statistics" : "string_statistics");
      ObjectNode common = stats.putObject("common");
      common.put("num_present", f.numPresent());
      common.put("num_missing", f.numMissing());
      if (f.numerical()) {
        BaselineJson.putNumber(stats, "mean", f.mean());
        BaselineJson.putNumber(stats, "sum", f.sum());
        BaselineJson.putNumber(stats, "std_dev", f.stdDev());
        BaselineJson.putNumber(stats, "min", f.min());
        BaselineJson.putNumber(stats, "max", f.max());
        if (f.sketch() != null && !f.sketch().isEmpty()) {
          writeKll(stats.putObject("distribution").putObject("kll"), f);
        }
      } else {
        stats.put("distinct_count", f.distinctCount());
        ArrayNode buckets =
            stats.putObject("distribution").putObject("categorical").putArray("buckets");
        for (ValueCount v : f.categories()) {
          buckets.addObject().put("value", v.value()).put("count", v.count());
        }
      }
    }
    BaselineJson.write(root, file);
  }

  private static void writeKll(ObjectNode kll, FeatureStatistics f) {
    KllDoublesSketch sketch = f.sketch();
    ArrayNode buckets = kll.putArray("buckets");
    double lo = f.min();
    double hi = f.max();
    double width = (hi - lo) / KLL_BUCKETS;
    long n = sketch.getN();
    long previous = 0;
    for (int b = 0; b < KLL_BUCKETS; b++) {
      double lower = lo + b * width;
      double upper = b == KLL_BUCKETS - 1 ? hi : lo + (b + 1) * width;
      double rank =
          b == KLL_BUCKETS - 1 ? 1.0 : sketch.getRank(upper, QuantileSearchCriteria.EXCLUSIVE);
      ObjectNode bucket = buckets.addObject();
      bucket.put("lower_bound", lower).put("upper_bound", upper);
      long cumulative = Math.round(rank * n); // rounded cumulatively, so counts sum to n
      bucket.put("count", (double) (cumulative - previous));
      previous = cumulative;
      if (width == 0) {
        break;
      }
    }
    ObjectNode sketchNode = kll.putObject("sketch");
    sketchNode.putObject("parameters").put("c", 2.0 / 3).put("k", (double) sketch.getK());
    ArrayNode data = sketchNode.putArray("data");
    // Level i of a KLL sketch holds items of weight 2^i. The sorted view may give an item a
    // weight that is a sum of powers of two (equal items): it goes to each of those levels.
    List<List<Double>> levels = new ArrayList<>();
    DoublesSortedViewIterator items = sketch.getSortedView().iterator();
    while (items.next()) {
      long weight = items.getWeight();
      for (int level = 0; weight != 0; level++, weight >>>= 1) {
        if ((weight & 1) != 0) {
          while (levels.size() <= level) {
            levels.add(new ArrayList<>());
          }
          levels.get(level).add(items.getQuantile());
        }
      }
    }
    for (List<Double> level : levels) {
      ArrayNode array = data.addArray();
      level.forEach(array::add);
    }
  }

  /**
   * Reads {@code statistics.json} (Quiver's or SageMaker's).
   *
   * @throws ValidationException if the file is missing or not in the documented shape
   */
  public static BaselineStatistics read(Path file) {
    JsonNode root = BaselineJson.read(file);
    JsonNode dataset = root.path("dataset");
    JsonNode features = root.get("features");
    if (!dataset.has("item_count") || features == null || !features.isArray()) {
      throw new ValidationException(
          "Cannot read " + file + ": expected dataset.item_count and a features array");
    }
    List<FeatureStatistics> list = new ArrayList<>();
    for (JsonNode f : features) {
      String name = BaselineJson.text(f, "name", file);
      String type = BaselineJson.text(f, "inferred_type", file);
      JsonNode numerical = f.get("numerical_statistics");
      JsonNode strings = f.get("string_statistics");
      JsonNode stats = numerical != null ? numerical : strings != null ? strings : f;
      long present = stats.path("common").path("num_present").asLong();
      long missing = stats.path("common").path("num_missing").asLong();
      List<ValueCount> categories = new ArrayList<>();
      for (JsonNode b : stats.path("distribution").path("categorical").path("buckets")) {
        categories.add(new ValueCount(b.path("value").asText(), b.path("count").asLong()));
      }
      list.add(
          new FeatureStatistics(
              name,
              type,
              present,
              missing,
              BaselineJson.number(stats, "mean"),
              BaselineJson.number(stats, "sum"),
              BaselineJson.number(stats, "std_dev"),
              BaselineJson.number(stats, "min"),
              BaselineJson.number(stats, "max"),
              numerical == null ? null : readKll(numerical.path("distribution").path("kll")),
              stats.path("distinct_count").asLong(),
              categories));
    }
    return new BaselineStatistics(dataset.get("item_count").asLong(), list);
  }

  /** Rebuilds a sketch from its levels: an item of level i counts 2^i times. */
  private static KllDoublesSketch readKll(JsonNode kll) {
    JsonNode data = kll.path("sketch").path("data");
    if (!data.isArray() || data.isEmpty()) {
      return null;
    }
    int k =
        Math.max(8, Math.min(65_535, kll.path("sketch").path("parameters").path("k").asInt(200)));
    KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(k);
    int level = 0;
    for (JsonNode items : data) {
      for (JsonNode item : items) {
        if (item.isNumber()) {
          sketch.update(item.asDouble(), 1L << Math.min(level, 62));
        }
      }
      level++;
    }
    return sketch.isEmpty() ? null : sketch;
  }
}
