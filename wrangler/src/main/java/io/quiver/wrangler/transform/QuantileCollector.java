package io.quiver.wrangler.transform;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The values of one column, for quantiles: exact up to {@value #CAPACITY} values, beyond that a
 * uniform random sample of that many (seeded, so a refit on the same data gives the same answer). A
 * quantile is the value of rank {@code ceil(q * n)} among the sorted values, the element Spark's
 * {@code approxQuantile} returns when its summary is exact. NaN values are not collected. Not
 * thread-safe.
 */
final class QuantileCollector {
  static final int CAPACITY = 8 << 20;

  private double[] values = new double[64];
  private int size;
  private long seen;
  private boolean sorted = true;
  private final SplittableRandom random = new SplittableRandom(838_257_247L);

  void add(double value) {
    if (Double.isNaN(value)) {
      return;
    }
    seen++;
    sorted = false;
    if (size < CAPACITY) {
      if (size == values.length) {
        values = Arrays.copyOf(values, Math.min(CAPACITY, values.length * 2));
      }
      values[size++] = value;
      return;
    }
    long at = random.nextLong(seen);
    if (at < CAPACITY) {
      values[(int) at] = value;
    }
  }

  /** How many values were added. */
  long count() {
    return seen;
  }

  /**
   * The {@code q} quantile.
   *
   * @throws IllegalStateException if no value was added
   */
  double quantile(double q) {
    if (size == 0) {
      throw new IllegalStateException("no values");
    }
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
    long rank = Math.max(1, (long) Math.ceil(q * size));
    return values[(int) Math.min(size, rank) - 1];
  }

  /** The values collected, sorted; for statistics over a quantile range. */
  double[] sortedValues() {
    quantile(0);
    return Arrays.copyOf(values, size);
  }
}
