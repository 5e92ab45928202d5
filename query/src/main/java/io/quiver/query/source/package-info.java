/**
 * Where SQL and the dataset builder read feature group history from: the {@link
 * io.quiver.query.source.OfflineSource} contract (Parquet files in SageMaker's hive layout plus
 * rows still staged for the offline store) and its implementation over a local folder.
 *
 * <p>Priorities: a small contract that the offline store can implement without knowing Calcite;
 * file listing is cheap and repeated per query, so nothing here caches file contents.
 * Implementations are thread-safe.
 */
@NullMarked
package io.quiver.query.source;

import org.jspecify.annotations.NullMarked;
