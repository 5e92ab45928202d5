/**
 * Charts of an analysis drawn with XChart as PNG images, each with its data as JSON: histograms
 * (exact, from the profile; or from the sample with colour-by and facet-by), scatter plots with
 * colour-by and facet-by, the correlation heatmap, and bar charts of per-feature scores.
 *
 * <p>Priorities: readable at a glance (few colours, labelled axes, a title that says what is
 * shown); the JSON holds exactly the plotted numbers. Stateless; {@link
 * io.quiver.wrangler.analyze.chart.Chart} values are immutable.
 */
@NullMarked
package io.quiver.wrangler.analyze.chart;

import org.jspecify.annotations.NullMarked;
