/**
 * Partition pruning of offline store files by their hive path ({@code year=/month=/day=/hour=}).
 * Reading the files is storage's ({@link io.quiver.storage.parquet.ParquetColumnReader}).
 *
 * <p>Stateless and thread-safe.
 */
@NullMarked
package io.quiver.query.parquet;

import org.jspecify.annotations.NullMarked;
