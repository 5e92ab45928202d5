package io.quiver.wrangler.analyze.profile;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnKind;
import java.util.List;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.jspecify.annotations.Nullable;

/**
 * The profile of one column over every row of a dataset. Numeric statistics (extremes, moments,
 * quantiles, histogram, outliers) are NaN or null for text columns; times are in microseconds since
 * the epoch and booleans are 0 and 1.
 *
 * @param name the column name
 * @param kind how the values are held
 * @param type what the column holds
 * @param count the number of rows
 * @param missing null values, NaN, and (in text columns) empty or blank text
 * @param invalid values that are not of the column's type: infinities, and text the source could
 *     not read as the column's type
 * @param distinct distinct present values
 * @param min the smallest value (exact)
 * @param max the largest value (exact)
 * @param mean the mean
 * @param stdDev the sample standard deviation (n - 1)
 * @param populationStdDev the population standard deviation (n), which Deequ reports
 * @param sum the sum of the values
 * @param skewness the third standardised moment
 * @param kurtosis Pearson's kurtosis (3 for a normal distribution)
 * @param sketch the KLL quantiles sketch of the values, or null for text (read-only)
 * @param histogram exact counts in about 30 bins, or null for text
 * @param outliers robust outliers, estimated: values beyond the median ± 5 robust standard
 *     deviations (the standard deviation of the values clipped to their 5th and 95th percentiles)
 * @param outliersErrorBound how far the outlier count can be from the exact one
 * @param integral whether every numeric value is a whole number
 * @param fractionalValues how many numeric values are not whole numbers
 * @param mostFrequent the most frequent values (up to 100), most frequent first
 * @param leastFrequent the least frequent values, least frequent first; empty when counts are not
 *     exact
 * @param frequenciesExact whether the counts of values are exact
 * @param meanLength the mean length of text values, or NaN
 * @param maxLength the longest text value's length, or 0
 */
public record ColumnProfile(
    String name,
    ColumnKind kind,
    ColumnType type,
    long count,
    long missing,
    long invalid,
    DistinctCount distinct,
    double min,
    double max,
    double mean,
    double stdDev,
    double populationStdDev,
    double sum,
    double skewness,
    double kurtosis,
    @Nullable KllDoublesSketch sketch,
    @Nullable Histogram histogram,
    double outliers,
    double outliersErrorBound,
    boolean integral,
    long fractionalValues,
    List<ValueCount> mostFrequent,
    List<ValueCount> leastFrequent,
    boolean frequenciesExact,
    double meanLength,
    int maxLength) {

  /** Checks and copies the parts. */
  public ColumnProfile {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(type, "type");
    requireNonNull(distinct, "distinct");
    mostFrequent = List.copyOf(mostFrequent);
    leastFrequent = List.copyOf(leastFrequent);
  }

  /** Whether the column holds numbers, times or booleans (it has numeric statistics). */
  public boolean numeric() {
    return ColumnAccumulator.isNumeric(kind);
  }

  /** The present values: neither missing nor invalid. */
  public long present() {
    return count - missing - invalid;
  }

  /** The share of missing values, 0 to 1. */
  public double missingRatio() {
    return count == 0 ? 0 : (double) missing / count;
  }

  /**
   * The approximate value at normalised rank {@code rank} (0 to 1), within {@link
   * #quantileRankError()} in rank of the exact quantile; NaN for text or no values.
   */
  public double quantile(double rank) {
    if (sketch == null || sketch.isEmpty()) {
      return Double.NaN;
    }
    return sketch.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
  }

  /**
   * The normalised rank error of {@link #quantile} (about 1.33% for the default k of 200, with 99%
   * confidence); 0 when the sketch holds every value.
   */
  public double quantileRankError() {
    if (sketch == null || !sketch.isEstimationMode()) {
      return 0;
    }
    return sketch.getNormalizedRankError(false);
  }
}
