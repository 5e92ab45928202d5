package io.quiver.wrangler.analyze.profile;

/**
 * The number of distinct values of a column: exact while a column has at most {@value
 * Frequencies#EXACT_LIMIT} distinct values, else an HyperLogLog estimate (Apache DataSketches, lgK
 * = {@value Frequencies#LG_K}: relative standard error about 1.6%) with bounds at two standard
 * errors.
 *
 * @param estimate the count or its estimate
 * @param lowerBound the lower bound (the count itself if exact)
 * @param upperBound the upper bound (the count itself if exact)
 * @param exact whether the count is exact
 */
public record DistinctCount(double estimate, double lowerBound, double upperBound, boolean exact) {

  /** An exact count. */
  public static DistinctCount exact(long count) {
    return new DistinctCount(count, count, count, true);
  }

  /** The count, rounded. */
  public long rounded() {
    return Math.round(estimate);
  }
}
