/**
 * Bias metrics in the manner of Amazon SageMaker Clarify: for a facet (sensitive attribute) and a
 * label, the pre-training metrics of the labels (CI, DPL, KL, JS, LP, TVD, KS, CDDL) and, given a
 * predicted-label column, the post-training metrics of the predictions (DPPL, DI, DCA, DCR, RD, SD,
 * DAR, DRR, AD, TE, CDDPL, GE). Entry point: {@link io.quiver.clarify.bias.BiasAnalyzer#analyze}.
 *
 * <p>Priorities, in order: the same numbers as SageMaker's open-source implementation (smclarify),
 * including its conventions (0/0 = 0, x/0 = infinity, label distributions compared over the label
 * values both groups have); one streaming pass whose memory grows with the number of distinct facet
 * and group values, never with rows; errors that name the column, row and value at fault. The
 * formulas are in {@code docs/bias.md}.
 *
 * <p>Thread-safety: values ({@link io.quiver.clarify.bias.BiasConfig}, {@link
 * io.quiver.clarify.bias.BiasAnalysis} and the records it holds) are immutable and thread-safe; an
 * analysis itself runs on the calling thread and keeps no shared state.
 */
@NullMarked
package io.quiver.clarify.bias;

import org.jspecify.annotations.NullMarked;
