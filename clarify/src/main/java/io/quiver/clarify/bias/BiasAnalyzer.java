package io.quiver.clarify.bias;

import static java.util.Objects.requireNonNull;

import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Computes Clarify's bias metrics over a row source in one streaming pass.
 *
 * <p>Example: {@code try (BiasRowSource rows = BiasRowSource.open(path, config.columns())) {
 * BiasAnalysis analysis = BiasAnalyzer.analyze(config, rows); }}
 *
 * <p>Stateless and thread-safe; each call runs on the calling thread.
 */
public final class BiasAnalyzer {
  private BiasAnalyzer() {}

  /**
   * Reads every remaining row of {@code source} and computes the metrics {@code config} asks for.
   * The source is left open: its owner closes it.
   *
   * @throws IllegalArgumentException if the source reads other columns than the config names
   * @throws ValidationException if the source has no rows (or none with every value), a value under
   *     a threshold is not a number, a value is missing under {@link MissingValues#FAIL}, a facet
   *     value leaves group d or group a empty, or there are more distinct facet or group values
   *     than {@link BiasConfig#maxDistinctValues()}
   * @throws java.io.UncheckedIOException if the source cannot be read
   */
  public static BiasAnalysis analyze(BiasConfig config, BiasRowSource source) {
    requireNonNull(config, "config");
    requireNonNull(source, "source");
    if (!source.columns().equals(config.columns())) {
      throw new IllegalArgumentException(
          "source: reads " + source.columns() + " (expected: " + config.columns() + ")");
    }
    BiasCounter counter = new BiasCounter(config);
    counter.count(source);
    if (counter.rows() == 0) {
      throw new ValidationException(
          "Cannot compute bias: "
              + source.name()
              + (counter.rowsSkipped() == 0
                  ? " has no rows"
                  : " has no row with every value: all "
                      + counter.rowsSkipped()
                      + " miss one and were left out"));
    }
    List<FacetBias> facets = new ArrayList<>();
    for (Map.Entry<@Nullable String, FacetSplit> entry : counter.splits()) {
      String valueOrThreshold =
          entry.getKey() != null
              ? entry.getKey()
              : valueOrThreshold(config.facet(), counter.facetBinarizer());
      FacetSplit split = entry.getValue();
      requireBothGroups(config, valueOrThreshold, split);
      facets.add(
          new FacetBias(
              valueOrThreshold,
              split.d().summary(),
              split.a().summary(),
              PreTrainingMetrics.compute(split, config.labelSupport()),
              config.columns().predictedLabel() == null
                  ? List.of()
                  : PostTrainingMetrics.compute(split)));
    }
    String labelText = valueOrThreshold(config.label(), counter.labelBinarizer());
    return new BiasAnalysis(config, labelText, counter.rows(), facets, counter.rowsSkipped());
  }

  private static String valueOrThreshold(
      @Nullable ValueSelector selector, @Nullable Binarizer binarizer) {
    if (selector instanceof ValueSelector.AnyOf anyOf) {
      return String.join(",", anyOf.values());
    }
    Binarizer.Threshold threshold = (Binarizer.Threshold) requireNonNull(binarizer);
    return PythonFloatText.interval(threshold.threshold(), threshold.max());
  }

  private static void requireBothGroups(BiasConfig config, String value, FacetSplit split) {
    String facet = config.columns().facet();
    String what;
    if (config.facet() instanceof ValueSelector.Above above) {
      what = "a value above " + PythonFloatText.of(above.threshold());
    } else if (config.facet() instanceof ValueSelector.AnyOf anyOf && anyOf.values().size() > 1) {
      what = "one of the values '" + value + "'";
    } else {
      what = "the value '" + value + "'";
    }
    if (split.d().rows() == 0) {
      throw new ValidationException(
          String.format(
              "Cannot compute bias for facet '%s': no row has %s, so group d is empty",
              facet, what));
    }
    if (split.a().rows() == 0) {
      throw new ValidationException(
          String.format(
              "Cannot compute bias for facet '%s': every row has %s, so group a (the other rows) is"
                  + " empty",
              facet, what));
    }
  }
}
