package io.quiver.wrangler.analyze.profile;

/*
 * Central moments up to the fourth, merged with Pébay's pairwise formulas (Pébay, "Formulas for
 * robust, one-pass parallel computation of covariances and arbitrary-order statistical moments",
 * Sandia report SAND2008-6212). Each batch is summed in two passes over its own values (mean
 * first), then merged: numerically stable, and independent of how batches are split between
 * workers up to rounding.
 */

/** Count, mean and central moments M2..M4 of a stream of doubles, mergeable. Not thread-safe. */
final class Moments {
  long n;
  double mean;
  double m2;
  double m3;
  double m4;

  /** Adds the first {@code count} values of {@code values}. */
  void addAll(double[] values, int count) {
    if (count == 0) {
      return;
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    double batchMean = sum / count;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    for (int i = 0; i < count; i++) {
      double d = values[i] - batchMean;
      double d2 = d * d;
      s2 += d2;
      s3 += d2 * d;
      s4 += d2 * d2;
    }
    Moments batch = new Moments();
    batch.n = count;
    batch.mean = batchMean;
    batch.m2 = s2;
    batch.m3 = s3;
    batch.m4 = s4;
    merge(batch);
  }

  /** Adds the values summarised by {@code other}. */
  void merge(Moments other) {
    if (other.n == 0) {
      return;
    }
    if (n == 0) {
      n = other.n;
      mean = other.mean;
      m2 = other.m2;
      m3 = other.m3;
      m4 = other.m4;
      return;
    }
    double na = n;
    double nb = other.n;
    double total = na + nb;
    double delta = other.mean - mean;
    double d2 = delta * delta;
    double newM4 =
        m4
            + other.m4
            + d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (total * total * total)
            + 6 * d2 * (na * na * other.m2 + nb * nb * m2) / (total * total)
            + 4 * delta * (na * other.m3 - nb * m3) / total;
    double newM3 =
        m3
            + other.m3
            + d2 * delta * na * nb * (na - nb) / (total * total)
            + 3 * delta * (na * other.m2 - nb * m2) / total;
    double newM2 = m2 + other.m2 + d2 * na * nb / total;
    mean += delta * nb / total;
    m2 = newM2;
    m3 = newM3;
    m4 = newM4;
    n += other.n;
  }

  /** The sample standard deviation (n - 1), or NaN below two values. */
  double sampleStdDev() {
    return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
  }

  /** The population standard deviation (n), or NaN without values. */
  double populationStdDev() {
    return n < 1 ? Double.NaN : Math.sqrt(m2 / n);
  }

  /** Skewness, the third standardised moment (population), or NaN if undefined. */
  double skewness() {
    return n < 2 || m2 == 0 ? Double.NaN : Math.sqrt((double) n) * m3 / Math.pow(m2, 1.5);
  }

  /** Pearson's kurtosis, the fourth standardised moment (3 for a normal distribution). */
  double kurtosis() {
    return n < 2 || m2 == 0 ? Double.NaN : n * m4 / (m2 * m2);
  }
}
