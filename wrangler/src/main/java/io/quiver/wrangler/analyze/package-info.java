/**
 * Analysis of a dataset, as Data Wrangler's analyses and data quality and insights report: {@link
 * io.quiver.wrangler.analyze.Analyzer} takes the profile of every row (package {@code profile}),
 * runs the row-wise analyses on its sample (package {@code insight}) and draws the charts (package
 * {@code chart}); package {@code report} renders it all as one HTML page, and package {@code
 * baseline} turns a profile into monitoring baselines and checks data against them.
 *
 * <p>Stateless and thread-safe; result types are immutable.
 */
@NullMarked
package io.quiver.wrangler.analyze;

import org.jspecify.annotations.NullMarked;
