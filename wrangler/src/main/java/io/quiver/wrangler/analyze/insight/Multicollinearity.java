package io.quiver.wrangler.analyze.insight;

import java.util.ArrayList;
import java.util.List;

/**
 * Variance inflation factors of the numeric features: VIF_j = 1 / (1 - R²_j), where R²_j is the fit
 * of feature j by a linear regression on the others, read off the diagonal of the inverse
 * correlation matrix of the rows where every feature is present; clipped to [1, {@value #CLIP}] as
 * Data Wrangler does (above 5 is high). Stateless.
 */
public final class Multicollinearity {
  /** The largest VIF reported; a perfectly collinear feature gets it. */
  public static final double CLIP = 50;

  private Multicollinearity() {}

  /** The VIF of each numeric feature of {@code table} except {@code target} (may be null). */
  public static List<FeatureScore> of(SampleTable table, String target) {
    List<Integer> columns = new ArrayList<>();
    for (int c = 0; c < table.names().size(); c++) {
      if (table.numeric(c)
          && table.profile(c).distinct().rounded() > 1
          && !table.names().get(c).equals(target)) {
        columns.add(c);
      }
    }
    int p = columns.size();
    List<FeatureScore> result = new ArrayList<>();
    if (p < 2) {
      for (int c : columns) {
        result.add(new FeatureScore(table.names().get(c), 1));
      }
      return result;
    }
    List<Integer> complete = new ArrayList<>();
    for (int r = 0; r < table.rows(); r++) {
      boolean all = true;
      for (int c : columns) {
        all &= !Double.isNaN(table.number(c)[r]);
      }
      if (all) {
        complete.add(r);
      }
    }
    double[][] data = new double[p][complete.size()];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < complete.size(); i++) {
        data[j][i] = table.number(columns.get(j))[complete.get(i)];
      }
    }
    double[][] correlation = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = a; b < p; b++) {
        double r = a == b ? 1 : Correlations.pearson(data[a], data[b]);
        correlation[a][b] = correlation[b][a] = Double.isNaN(r) ? 0 : r;
      }
    }
    double[] diagonal = inverseDiagonal(correlation);
    for (int j = 0; j < p; j++) {
      double vif = diagonal[j];
      vif = Double.isNaN(vif) || vif > CLIP || vif < 0 ? CLIP : Math.max(1, vif);
      result.add(new FeatureScore(table.names().get(columns.get(j)), vif));
    }
    return result;
  }

  /**
   * The diagonal of the inverse of a symmetric matrix by Gauss-Jordan elimination with partial
   * pivoting; a (near-)singular column gives infinity.
   */
  static double[] inverseDiagonal(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(matrix[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    boolean[] singular = new boolean[n];
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-10) {
        singular[col] = true;
        continue;
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      double p = a[col][col];
      for (int k = 0; k < 2 * n; k++) {
        a[col][k] /= p;
      }
      for (int r = 0; r < n; r++) {
        if (r != col && a[r][col] != 0) {
          double f = a[r][col];
          for (int k = 0; k < 2 * n; k++) {
            a[r][k] -= f * a[col][k];
          }
        }
      }
    }
    double[] diagonal = new double[n];
    for (int i = 0; i < n; i++) {
      diagonal[i] = singular[i] ? Double.POSITIVE_INFINITY : a[i][n + i];
    }
    for (int i = 0; i < n; i++) {
      if (singular[i]) {
        for (int j = 0; j < n; j++) {
          if (Math.abs(matrix[i][j]) > 0.999 && i != j) {
            diagonal[j] = Double.POSITIVE_INFINITY;
          }
        }
      }
    }
    return diagonal;
  }
}
