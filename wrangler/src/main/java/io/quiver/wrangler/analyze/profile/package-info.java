/**
 * The profile of a dataset, computed in one pass over every row (not a sample) by {@link
 * io.quiver.wrangler.analyze.profile.Profiler}: per column the count, missing and invalid values,
 * distinct values, extremes, moments, quantiles, an exact histogram, the most and least frequent
 * values and robust outliers; for the dataset the duplicate rows and a uniform sample of rows for
 * the analyses that need whole rows.
 *
 * <p>Priorities: one pass, both cores (each worker profiles whole batches into its own partial
 * profile; partial profiles merge at the end, so every statistic here is mergeable); exact where
 * cheap, Apache DataSketches with a stated error bound where not; results that do not depend on
 * thread timing. Accumulators are confined to one worker; result types are immutable.
 */
@NullMarked
package io.quiver.wrangler.analyze.profile;

import org.jspecify.annotations.NullMarked;
