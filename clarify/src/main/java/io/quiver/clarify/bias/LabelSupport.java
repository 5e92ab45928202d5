package io.quiver.clarify.bias;

/**
 * Which label values the distribution metrics KL, JS, LP, TVD and KS sum over.
 *
 * <p>The two modes differ only when a label value is missing from one group; then {@link
 * #COMMON_NONZERO} drops it (as smclarify does: KL can turn negative, LP/TVD/KS under-report) while
 * {@link #UNION} keeps it (KL becomes +infinity when d lacks a value a has).
 */
public enum LabelSupport {
  /** smclarify's convention: values with non-zero probability in both groups, not renormalised. */
  COMMON_NONZERO,
  /** Strict: every value present in either group; a missing value has probability 0. */
  UNION
}
