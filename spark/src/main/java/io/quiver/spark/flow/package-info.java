/**
 * Data Wrangler flows on Spark: a fitted flow's per-record chain runs over a DataFrame partition by
 * partition with the same transform code as {@code quiver flow run}, the fitted state taken from
 * the flow.
 */
@NullMarked
package io.quiver.spark.flow;

import org.jspecify.annotations.NullMarked;
