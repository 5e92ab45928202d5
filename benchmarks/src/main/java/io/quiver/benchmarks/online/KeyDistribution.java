package io.quiver.benchmarks.online;

import java.util.SplittableRandom;

/**
 * How a benchmark picks which of {@code n} preloaded records to touch next. The choices are drawn
 * once, in setup, so the measured methods pay only an array read.
 */
public enum KeyDistribution {
  /**
   * Scrambled Zipf with exponent 0.99, as YCSB's default request distribution: a few records are
   * hot, and the hot ones are spread over the key space rather than adjacent.
   */
  ZIPF {
    @Override
    int[] draw(int n, int count, SplittableRandom random) {
      double[] cumulative = new double[n];
      double sum = 0;
      for (int rank = 0; rank < n; rank++) {
        sum += 1 / Math.pow(rank + 1, EXPONENT);
        cumulative[rank] = sum;
      }
      int[] scramble = permutation(n, random);
      int[] positions = new int[count];
      for (int i = 0; i < count; i++) {
        positions[i] = scramble[rankOf(cumulative, random.nextDouble() * sum)];
      }
      return positions;
    }
  },

  /** Every record equally likely. */
  UNIFORM {
    @Override
    int[] draw(int n, int count, SplittableRandom random) {
      int[] positions = new int[count];
      for (int i = 0; i < count; i++) {
        positions[i] = random.nextInt(n);
      }
      return positions;
    }
  };

  private static final double EXPONENT = 0.99;

  /** {@code count} record positions in {@code [0, n)}, drawn with {@code random}. */
  abstract int[] draw(int n, int count, SplittableRandom random);

  /** The first rank whose cumulative weight exceeds {@code target}. */
  private static int rankOf(double[] cumulative, double target) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] <= target) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
