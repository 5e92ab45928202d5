/**
 * The data quality and insights report as one self-contained HTML page: charts embedded as PNG data
 * URIs, inline CSS, no script and nothing fetched from a network; each chart's data is written as
 * JSON in a folder next to the page.
 *
 * <p>Stateless and thread-safe.
 */
@NullMarked
package io.quiver.wrangler.analyze.report;

import org.jspecify.annotations.NullMarked;
