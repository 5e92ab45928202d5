package io.quiver.wrangler.analyze.profile;

/*
 * Design: an exact histogram in one pass without knowing the range first. Bins are the cells of
 * a grid of width 2^exp anchored at 0 (bin i holds [i * 2^exp, (i + 1) * 2^exp)); at most
 * MAX_BINS consecutive bins are kept. When a value falls outside, the grid coarsens: the width
 * doubles until the span fits, and because the grids nest, every old bin lies wholly inside one
 * new bin, so counts stay exact. Two histograms merge by coarsening to the wider grid. Display
 * bins are runs of grid bins, so their counts are exact for their (grid-aligned) edges.
 */

/** An exact, mergeable histogram of finite doubles on a power-of-two grid. Not thread-safe. */
final class GridHistogram {
  static final int MAX_BINS = 2048;

  private int exp;
  private long base;
  private long[] counts = new long[0];
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long total;

  /**
   * Adds the first {@code count} values (all finite) whose extremes are {@code lo} and {@code hi}.
   */
  void addAll(double[] values, int count, double lo, double hi) {
    if (count == 0) {
      return;
    }
    cover(lo, hi);
    double scale = Math.scalb(1.0, -exp);
    long first = base;
    long[] bins = counts;
    for (int i = 0; i < count; i++) {
      bins[(int) ((long) Math.floor(values[i] * scale) - first)]++;
    }
    total += count;
  }

  /** Adds every value of {@code other}. */
  void merge(GridHistogram other) {
    if (other.total == 0) {
      return;
    }
    if (total == 0) {
      exp = other.exp;
      base = other.base;
      counts = other.counts.clone();
      min = other.min;
      max = other.max;
      total = other.total;
      return;
    }
    regrid(Math.max(exp, other.exp), Math.min(min, other.min), Math.max(max, other.max));
    for (int i = 0; i < other.counts.length; i++) {
      if (other.counts[i] != 0) {
        long index = indexOf(Math.scalb((double) (other.base + i), other.exp), exp);
        counts[(int) (index - base)] += other.counts[i];
      }
    }
    total += other.total;
  }

  /** Makes the grid span [lo, hi], coarsening if needed. */
  private void cover(double lo, double hi) {
    double newMin = Math.min(min, lo);
    double newMax = Math.max(max, hi);
    if (total == 0 && counts.length == 0) {
      double range = newMax - newMin;
      double magnitude = Math.max(Math.abs(newMin), Math.abs(newMax));
      exp =
          range > 0
              ? Math.getExponent(range / (MAX_BINS / 2)) + 1
              : (magnitude == 0 ? -30 : Math.getExponent(magnitude) - 20);
    }
    regrid(exp, newMin, newMax);
  }

  /** Re-lays the bins on grid {@code atLeastExp} or coarser, spanning [lo, hi]. */
  private void regrid(int atLeastExp, double lo, double hi) {
    int e = atLeastExp;
    double range = hi - lo;
    if (range > 0) {
      e = Math.max(e, Math.getExponent(range) - 11);
    }
    // no finer than the values' own precision, so that every index fits in a long
    e = Math.max(e, Math.getExponent(Math.max(Math.abs(lo), Math.abs(hi))) - 52);
    while (indexOf(hi, e) - indexOf(lo, e) + 1 > MAX_BINS) {
      e++;
    }
    long newBase = indexOf(lo, e);
    int length = (int) (indexOf(hi, e) - newBase + 1);
    if (e == exp && newBase == base && length == counts.length) {
      min = lo;
      max = hi;
      return;
    }
    long[] newCounts = new long[length];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        long index = indexOf(Math.scalb((double) (base + i), exp), e);
        newCounts[(int) (index - newBase)] += counts[i];
      }
    }
    exp = e;
    base = newBase;
    counts = newCounts;
    min = lo;
    max = hi;
  }

  private static long indexOf(double value, int exp) {
    return (long) Math.floor(Math.scalb(value, -exp));
  }

  /** The number of values added. */
  long total() {
    return total;
  }

  /** The width of a grid bin. */
  double binWidth() {
    return Math.scalb(1.0, exp);
  }

  /**
   * The histogram in about {@code targetBins} bins (one per integer for {@code integral} values
   * spanning at most 60), with exact counts.
   */
  Histogram display(int targetBins, boolean integral) {
    if (total == 0) {
      return new Histogram(new double[0], new long[0]);
    }
    int first = 0;
    while (counts[first] == 0) {
      first++;
    }
    int last = counts.length - 1;
    while (counts[last] == 0) {
      last--;
    }
    long firstIndex = base + first;
    long lastIndex = base + last;
    long group;
    if (integral && exp <= 0 && max - min <= 60) {
      group = 1L << -exp;
    } else {
      group = Math.max(1, (lastIndex - firstIndex + targetBins) / targetBins);
    }
    long start = Math.floorDiv(firstIndex, group) * group;
    int bins = (int) ((lastIndex - start) / group + 1);
    long[] out = new long[bins];
    for (int i = first; i <= last; i++) {
      out[(int) ((base + i - start) / group)] += counts[i];
    }
    double[] edges = new double[bins + 1];
    for (int j = 0; j <= bins; j++) {
      edges[j] = Math.scalb((double) (start + j * group), exp);
    }
    return new Histogram(edges, out);
  }

  /**
   * Estimates how many values lie below {@code lo} or above {@code hi}: grid bins wholly outside
   * count exactly, a bin holding a limit counts in proportion to the part outside.
   *
   * @return {estimate, the count of the values in the bins holding a limit (the error bound)}
   */
  double[] countOutside(double lo, double hi) {
    double width = binWidth();
    double estimate = 0;
    double straddling = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      double left = Math.scalb((double) (base + i), exp);
      double right = left + width;
      double outside = 0;
      if (right <= lo || left > hi) {
        outside = 1;
      } else {
        boolean holdsLimit = (left <= lo && lo < right) || (left <= hi && hi < right);
        if (holdsLimit) {
          straddling += counts[i];
          outside =
              (Math.max(0, Math.min(right, lo) - left) + Math.max(0, right - Math.max(left, hi)))
                  / width;
        }
      }
      estimate += outside * counts[i];
    }
    return new double[] {estimate, straddling};
  }

  /**
   * The standard deviation of the values clipped to [lo, hi], each value taken at its bin's middle
   * (within half a grid bin of the exact figure).
   */
  double clippedStdDev(double lo, double hi) {
    if (total < 2) {
      return Double.NaN;
    }
    double width = binWidth();
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        double middle = Math.scalb((double) (base + i), exp) + width / 2;
        double v = Math.max(lo, Math.min(hi, middle));
        sum += v * counts[i];
        sumSquares += v * v * counts[i];
      }
    }
    double mean = sum / total;
    return Math.sqrt(Math.max(0, (sumSquares - total * mean * mean) / (total - 1)));
  }
}
