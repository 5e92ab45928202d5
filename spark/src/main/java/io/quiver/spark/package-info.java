/**
 * Quiver on Spark: {@link io.quiver.spark.FeatureStoreManager} ingests DataFrames into feature
 * groups with the shape of AWS's {@code sagemaker-feature-store-spark} connector, reads offline
 * stores, builds point-in-time datasets and runs flows over DataFrames. Spark is provided by the
 * cluster. See {@code docs/spark.md}.
 */
@NullMarked
package io.quiver.spark;

import org.jspecify.annotations.NullMarked;
