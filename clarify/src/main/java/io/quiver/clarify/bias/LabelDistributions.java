package io.quiver.clarify.bias;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * KL, JS, LP, TVD and KS between the label distributions of groups a and d, given as aligned count
 * arrays (index = label value, in sorted value order as smclarify aligns them).
 *
 * <p>{@link LabelSupport#COMMON_NONZERO} keeps the indices where both counts are non-zero and does
 * not renormalise (smclarify's {@code pdfs_aligned_nonzero}); {@link LabelSupport#UNION} keeps
 * indices where either is non-zero. A term {@code 0 * ln(0 / x)} counts as 0.
 */
final class LabelDistributions {
  static final String NO_COMMON_VALUE =
      "No instance of common facet found, dataset may be too small";

  private final double[] pa;
  private final double[] pd;

  private LabelDistributions(double[] pa, double[] pd) {
    this.pa = pa;
    this.pd = pd;
  }

  /** The aligned probabilities, or null when no label value qualifies. */
  static @Nullable LabelDistributions align(long[] a, long[] d, LabelSupport support) {
    if (a.length != d.length) {
      throw new IllegalArgumentException("counts: " + a.length + " vs " + d.length + " values");
    }
    long na = Arrays.stream(a).sum();
    long nd = Arrays.stream(d).sum();
    double[] pa = new double[a.length];
    double[] pd = new double[a.length];
    int kept = 0;
    for (int i = 0; i < a.length; i++) {
      boolean keep = support == LabelSupport.UNION ? a[i] > 0 || d[i] > 0 : a[i] > 0 && d[i] > 0;
      if (keep) {
        pa[kept] = na == 0 ? 0 : (double) a[i] / na;
        pd[kept] = nd == 0 ? 0 : (double) d[i] / nd;
        kept++;
      }
    }
    if (kept == 0 || na == 0 || nd == 0) {
      return null;
    }
    return new LabelDistributions(Arrays.copyOf(pa, kept), Arrays.copyOf(pd, kept));
  }

  /** Σ Pa ln(Pa / Pd); +infinity when Pd = 0 &lt; Pa (union support only). */
  double kl() {
    return relativeEntropy(pa, pd);
  }

  /** ½ [KL(Pa ‖ M) + KL(Pd ‖ M)] with M = ½ (Pa + Pd). */
  double js() {
    double[] m = new double[pa.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = 0.5 * (pa[i] + pd[i]);
    }
    return 0.5 * (relativeEntropy(pa, m) + relativeEntropy(pd, m));
  }

  /** (Σ |Pa − Pd|^2)^(1/2). */
  double lp() {
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      double diff = pa[i] - pd[i];
      sum += diff * diff;
    }
    return Math.sqrt(sum);
  }

  /** ½ Σ |Pa − Pd|. */
  double tvd() {
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      sum += Math.abs(pa[i] - pd[i]);
    }
    return 0.5 * sum;
  }

  /** max |Pa − Pd| (the L-infinity distance of the PMFs, as smclarify computes "KS"). */
  double ks() {
    double max = 0;
    for (int i = 0; i < pa.length; i++) {
      max = Math.max(max, Math.abs(pa[i] - pd[i]));
    }
    return max;
  }

  private static double relativeEntropy(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        sum += q[i] == 0 ? Double.POSITIVE_INFINITY : p[i] * Math.log(p[i] / q[i]);
      }
    }
    return sum;
  }
}
