package io.quiver.server.control;

import io.quiver.server.control.ControlJson.ParameterJson;
import io.quiver.server.control.ControlJson.UpdateFeatureMetadataRequest;
import io.quiver.storage.QuiverStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** UpdateFeatureMetadata: sets a description, adds and removes parameters. Stateless. */
final class UpdateFeatureMetadataHandler implements ControlHandler<UpdateFeatureMetadataRequest> {
  private final QuiverStore store;

  UpdateFeatureMetadataHandler(QuiverStore store) {
    this.store = store;
  }

  @Override
  public Class<UpdateFeatureMetadataRequest> requestType() {
    return UpdateFeatureMetadataRequest.class;
  }

  @Override
  public @Nullable Object handle(UpdateFeatureMetadataRequest r) {
    Map<String, String> additions = new LinkedHashMap<>();
    if (r.parameterAdditions() != null) {
      for (ParameterJson p : r.parameterAdditions()) {
        FeatureGroupCodec.required(p, "parameterAdditions.member");
        additions.put(
            FeatureGroupCodec.required(p.key(), "parameterAdditions.member.key"),
            FeatureGroupCodec.required(p.value(), "parameterAdditions.member.value"));
      }
    }
    store.updateFeatureMetadata(
        FeatureGroupCodec.required(r.featureGroupName(), "featureGroupName"),
        FeatureGroupCodec.required(r.featureName(), "featureName"),
        r.description(),
        additions,
        r.parameterRemovals() == null ? List.of() : r.parameterRemovals());
    return null;
  }
}
