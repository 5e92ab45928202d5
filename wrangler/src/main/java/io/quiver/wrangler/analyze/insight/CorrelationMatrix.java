package io.quiver.wrangler.analyze.insight;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Pairwise correlations of columns.
 *
 * @param method {@code pearson}, {@code spearman} or {@code mixed}
 * @param columns the columns, in row and column order
 * @param values {@code values[i][j]} the correlation of columns i and j (NaN if undefined)
 */
public record CorrelationMatrix(String method, List<String> columns, double[][] values) {
  /** Copies the parts. */
  public CorrelationMatrix {
    requireNonNull(method, "method");
    columns = List.copyOf(columns);
    double[][] copy = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i].clone();
    }
    values = copy;
  }

  /** The correlation of columns {@code i} and {@code j}. */
  public double get(int i, int j) {
    return values[i][j];
  }
}
