/**
 * Analyses that need whole rows, run on the profile's uniform row sample: feature correlation
 * (Pearson, Spearman, and a categorical-aware measure), target leakage (per-feature cross-validated
 * ROC-AUC or R²), a quick random forest model (Tribuo) with feature importances, multicollinearity
 * (variance inflation factors), and the warnings of the data quality and insights report.
 *
 * <p>Priorities: deterministic for a seed, bounded in time by the sample size, explained in the
 * report. Everything here is stateless; result types are immutable.
 */
@NullMarked
package io.quiver.wrangler.analyze.insight;

import org.jspecify.annotations.NullMarked;
