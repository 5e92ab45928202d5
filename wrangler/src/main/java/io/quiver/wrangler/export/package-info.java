/**
 * Where flows write: files (CSV or Parquet, local or S3, optionally partitioned) and feature groups
 * (a local store or a running server, behind {@link io.quiver.wrangler.export.FeatureGroupTarget}).
 *
 * <p>Priorities: a file appears whole or not at all; the same input gives the same files.
 * Thread-safety is stated per type.
 */
@NullMarked
package io.quiver.wrangler.export;

import org.jspecify.annotations.NullMarked;
