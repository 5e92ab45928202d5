/**
 * Reading feature groups' offline stores on Spark: the history as written ({@link
 * io.quiver.spark.read.OfflineStoreReader}) and point-in-time datasets with the semantics of
 * Quiver's (and SageMaker's) dataset builder ({@link io.quiver.spark.read.PointInTimeJoin}).
 */
@NullMarked
package io.quiver.spark.read;

import org.jspecify.annotations.NullMarked;
