package io.quiver.server.control;

import io.quiver.server.control.ControlJson.FeatureGroupNameRequest;
import io.quiver.storage.QuiverStore;
import org.jspecify.annotations.Nullable;

/** DeleteFeatureGroup: removes the group and its online records at once. Stateless. */
final class DeleteFeatureGroupHandler implements ControlHandler<FeatureGroupNameRequest> {
  private final QuiverStore store;

  DeleteFeatureGroupHandler(QuiverStore store) {
    this.store = store;
  }

  @Override
  public Class<FeatureGroupNameRequest> requestType() {
    return FeatureGroupNameRequest.class;
  }

  @Override
  public @Nullable Object handle(FeatureGroupNameRequest request) {
    store.deleteFeatureGroup(
        FeatureGroupCodec.required(request.featureGroupName(), "featureGroupName"));
    return null;
  }
}
