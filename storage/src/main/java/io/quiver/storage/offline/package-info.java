/**
 * The offline store: every record ever written to a feature group, as Parquet files in SageMaker's
 * layout ({@code <base>/<account>/sagemaker/<region>/offline-store/<group>-<epoch>/data/
 * year=/month=/day=/hour=/}) on a local folder or S3, fed from the staging log by a background
 * flusher. The format is specified in {@code docs/format/offline-store.md}.
 *
 * <p>Priorities: no acknowledged record lost or duplicated, across crashes at any point (flushes
 * are planned in a manifest persisted before any file is written, and re-run identically); files
 * complete or invisible; then files of useful size. Public types are thread-safe; the flusher is
 * serialized on one lock.
 */
@NullMarked
package io.quiver.storage.offline;

import org.jspecify.annotations.NullMarked;
