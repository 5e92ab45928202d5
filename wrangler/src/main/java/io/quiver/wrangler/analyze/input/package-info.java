/**
 * What an analysis reads: a {@link io.quiver.wrangler.analyze.input.BatchSource} hands out the rows
 * of a dataset as {@link io.quiver.storage.batch.ColumnBatch}es, from Parquet files read a row
 * group at a time on several threads, from any file format or location the import sources read,
 * from a SQL query, from a feature group's offline store, or from batches a caller already holds.
 *
 * <p>Priorities: keep both cores busy on large files; never hold more than a few batches; number
 * rows the same way on every run, so that samples drawn from them do not depend on thread timing.
 * Sources are thread-safe where their Javadoc says so; value types are immutable.
 */
@NullMarked
package io.quiver.wrangler.analyze.input;

import org.jspecify.annotations.NullMarked;
