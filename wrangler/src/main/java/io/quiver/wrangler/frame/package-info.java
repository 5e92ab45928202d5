/**
 * A flow's data in motion: {@link io.quiver.wrangler.frame.Frame} (a named, typed {@link
 * io.quiver.storage.batch.ColumnBatch}) for batches, {@link io.quiver.wrangler.frame.Row} (typed
 * slots) for the row at hand, and the loaders and writers between them.
 *
 * <p>Priorities: no per-value objects for numbers, one representation of a row shared by batch runs
 * and single records. Frames are read-only once built; rows and writers are confined to one thread.
 */
@NullMarked
package io.quiver.wrangler.frame;

import org.jspecify.annotations.NullMarked;
