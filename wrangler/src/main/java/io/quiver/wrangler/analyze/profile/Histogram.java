package io.quiver.wrangler.analyze.profile;

import static java.util.Objects.requireNonNull;

/**
 * Counts of values in consecutive bins: bin {@code i} holds the values in {@code [edges[i], edges[i
 * + 1])}. Counts are exact.
 *
 * @param edges the bin edges, one more than the bins, increasing
 * @param counts the number of values in each bin
 */
public record Histogram(double[] edges, long[] counts) {
  /** Checks that there is one edge more than bins, and copies both arrays. */
  public Histogram {
    requireNonNull(edges, "edges");
    requireNonNull(counts, "counts");
    if (counts.length > 0 && edges.length != counts.length + 1) {
      throw new IllegalArgumentException(
          "edges: "
              + edges.length
              + " (expected: "
              + (counts.length + 1)
              + ", one more than bins)");
    }
    edges = edges.clone();
    counts = counts.clone();
  }

  /** The number of bins. */
  public int bins() {
    return counts.length;
  }

  /** The bin edges (a copy). */
  @Override
  public double[] edges() {
    return edges.clone();
  }

  /** The bin counts (a copy). */
  @Override
  public long[] counts() {
    return counts.clone();
  }
}
