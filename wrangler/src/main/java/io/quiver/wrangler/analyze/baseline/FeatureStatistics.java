package io.quiver.wrangler.analyze.baseline;

import static java.util.Objects.requireNonNull;

import io.quiver.wrangler.analyze.profile.ValueCount;
import java.util.List;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.jspecify.annotations.Nullable;

/**
 * One feature of {@code statistics.json}: numerical statistics for {@code Integral} and {@code
 * Fractional} features, string statistics for {@code String} ones.
 *
 * @param name the feature (column) name
 * @param inferredType {@code Integral}, {@code Fractional}, {@code String} or {@code Unknown}
 * @param numPresent values present
 * @param numMissing values missing (or not of the type)
 * @param mean the mean (numerical)
 * @param sum the sum (numerical)
 * @param stdDev the population standard deviation (numerical), as Deequ computes it
 * @param min the smallest value (numerical)
 * @param max the largest value (numerical)
 * @param sketch the KLL sketch of the values (numerical), or null
 * @param distinctCount distinct values (string)
 * @param categories the most frequent values with their counts (string)
 */
public record FeatureStatistics(
    String name,
    String inferredType,
    long numPresent,
    long numMissing,
    double mean,
    double sum,
    double stdDev,
    double min,
    double max,
    @Nullable KllDoublesSketch sketch,
    long distinctCount,
    List<ValueCount> categories) {

  /** Checks and copies the parts. */
  public FeatureStatistics {
    requireNonNull(name, "name");
    requireNonNull(inferredType, "inferredType");
    categories = List.copyOf(categories);
  }

  /** Whether the feature has numerical statistics. */
  public boolean numerical() {
    return inferredType.equals(InferredType.INTEGRAL)
        || inferredType.equals(InferredType.FRACTIONAL);
  }
}
