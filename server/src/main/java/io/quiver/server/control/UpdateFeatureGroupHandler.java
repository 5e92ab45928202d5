package io.quiver.server.control;

import static java.util.Objects.requireNonNull;

import io.quiver.server.control.ControlJson.FeatureGroupArnResponse;
import io.quiver.server.control.ControlJson.ThroughputConfigJson;
import io.quiver.server.control.ControlJson.UpdateFeatureGroupRequest;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.ThroughputMode;
import io.quiver.storage.error.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * UpdateFeatureGroup: exactly one of FeatureAdditions, OnlineStoreConfig (its TtlDuration; absent
 * or empty removes the default) or ThroughputConfig (absent members keep their value) per call.
 * Stateless.
 */
final class UpdateFeatureGroupHandler implements ControlHandler<UpdateFeatureGroupRequest> {
  private final QuiverStore store;

  UpdateFeatureGroupHandler(QuiverStore store) {
    this.store = store;
  }

  @Override
  public Class<UpdateFeatureGroupRequest> requestType() {
    return UpdateFeatureGroupRequest.class;
  }

  @Override
  public FeatureGroupArnResponse handle(UpdateFeatureGroupRequest r) {
    String name = FeatureGroupCodec.required(r.featureGroupName(), "featureGroupName");
    int given =
        (r.featureAdditions() != null ? 1 : 0)
            + (r.onlineStoreConfig() != null ? 1 : 0)
            + (r.throughputConfig() != null ? 1 : 0);
    if (given != 1) {
      throw new ValidationException(
          "Cannot update feature group "
              + name
              + ": give exactly one of FeatureAdditions, OnlineStoreConfig or ThroughputConfig per call (got "
              + given
              + ")");
    }
    FeatureGroup updated;
    if (r.featureAdditions() != null) {
      updated =
          store.addFeatures(
              name, FeatureGroupCodec.toDefinitions(r.featureAdditions(), "featureAdditions"));
    } else if (r.onlineStoreConfig() != null) {
      updated =
          store.updateDefaultTtl(
              name, FeatureGroupCodec.toTtl(r.onlineStoreConfig().ttlDuration()));
    } else {
      updated =
          store.updateThroughput(
              name,
              merge(
                  store.describeFeatureGroup(name).spec().throughputConfig(),
                  requireNonNull(r.throughputConfig())));
    }
    return new FeatureGroupArnResponse(updated.arn());
  }

  private static ThroughputConfig merge(
      @Nullable ThroughputConfig current, ThroughputConfigJson update) {
    ThroughputConfig base = current == null ? ThroughputConfig.onDemand() : current;
    return new ThroughputConfig(
        update.throughputMode() == null
            ? base.throughputMode()
            : ThroughputMode.fromWireName(update.throughputMode()),
        update.provisionedReadCapacityUnits() == null
            ? base.provisionedReadCapacityUnits()
            : update.provisionedReadCapacityUnits(),
        update.provisionedWriteCapacityUnits() == null
            ? base.provisionedWriteCapacityUnits()
            : update.provisionedWriteCapacityUnits());
  }
}
