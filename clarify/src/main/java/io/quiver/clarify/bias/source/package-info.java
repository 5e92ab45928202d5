/**
 * Where a bias analysis reads its rows from: a forward-only {@link
 * io.quiver.clarify.bias.source.BiasRowSource} over a CSV file (optionally gzip-compressed), a
 * Parquet file, a SQL query over the offline store (any JDBC result), or a feature group's latest
 * records, yielding per row the facet, the label, and optionally the predicted label and the group
 * variable, as text.
 *
 * <p>Priorities: one streaming pass with memory independent of the row count; the same text for the
 * same value whichever format holds it; errors that name the file (query, group) and the column.
 * Sources are not thread-safe: one consumer per instance.
 */
@NullMarked
package io.quiver.clarify.bias.source;

import org.jspecify.annotations.NullMarked;
