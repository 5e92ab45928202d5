/**
 * The Calcite schema over the offline store: one table per feature group, scanned with projection
 * and filter push-down (event-time ranges prune hour partitions, record identifier equality prunes
 * row groups by Parquet statistics).
 *
 * <p>Priorities: exact SQL answers (pruning never drops a matching row, and Calcite re-applies
 * every pushed filter), then reading as little as possible. Schemas and tables are immutable and
 * thread-safe; each scan reads the source afresh, so new files and staged rows are visible to the
 * next query.
 */
@NullMarked
package io.quiver.query.schema;

import org.jspecify.annotations.NullMarked;
