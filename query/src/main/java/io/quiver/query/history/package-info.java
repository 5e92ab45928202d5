/**
 * A feature group's offline history as the query engine sees it: the columns it exposes ({@link
 * io.quiver.query.history.HistoryLayout}) and a pruned, projected scan of its files and staged rows
 * ({@link io.quiver.query.history.HistoryScan}).
 *
 * <p>Priorities: read only what a query needs (partitions, row groups, columns); one code path for
 * files and staged rows. Layouts are immutable; a scan is confined to its caller except for the
 * parallel file reads it starts and joins.
 */
@NullMarked
package io.quiver.query.history;

import org.jspecify.annotations.NullMarked;
