package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The throughput settings of a feature group, kept and described back.
 *
 * @param throughputMode on-demand or provisioned
 * @param provisionedReadCapacityUnits read units for provisioned mode, or {@code null}
 * @param provisionedWriteCapacityUnits write units for provisioned mode, or {@code null}
 */
public record ThroughputConfig(
    ThroughputMode throughputMode,
    @Nullable Long provisionedReadCapacityUnits,
    @Nullable Long provisionedWriteCapacityUnits) {

  /** Checks that the required parts are present. */
  public ThroughputConfig {
    requireNonNull(throughputMode, "throughputMode");
  }

  /** SageMaker's default: on-demand. */
  public static ThroughputConfig onDemand() {
    return new ThroughputConfig(ThroughputMode.ON_DEMAND, null, null);
  }
}
