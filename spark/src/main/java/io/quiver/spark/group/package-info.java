/**
 * Feature groups as the connector sees them: described by a Quiver server (or SageMaker) through
 * DescribeFeatureGroup on the driver, shipped to executors as a serializable {@link
 * io.quiver.spark.group.GroupHandle}, and rebuilt there into storage's {@link
 * io.quiver.storage.catalog.FeatureGroup} so that records are checked and encoded by the same code
 * as on the server.
 */
@NullMarked
package io.quiver.spark.group;

import org.jspecify.annotations.NullMarked;
