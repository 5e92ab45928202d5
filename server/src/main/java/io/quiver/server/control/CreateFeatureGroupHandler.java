package io.quiver.server.control;

import io.quiver.server.control.ControlJson.CreateFeatureGroupRequest;
import io.quiver.server.control.ControlJson.FeatureGroupArnResponse;
import io.quiver.server.control.ControlJson.TagJson;
import io.quiver.server.limits.CreationLimit;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.Tag;
import java.util.ArrayList;
import java.util.List;

/** CreateFeatureGroup: at most {@link CreationLimit} creations at once. Stateless. */
final class CreateFeatureGroupHandler implements ControlHandler<CreateFeatureGroupRequest> {
  private final QuiverStore store;
  private final CreationLimit creations;

  CreateFeatureGroupHandler(QuiverStore store, CreationLimit creations) {
    this.store = store;
    this.creations = creations;
  }

  @Override
  public Class<CreateFeatureGroupRequest> requestType() {
    return CreateFeatureGroupRequest.class;
  }

  @Override
  public FeatureGroupArnResponse handle(CreateFeatureGroupRequest r) {
    List<Tag> tags = new ArrayList<>();
    if (r.tags() != null) {
      for (TagJson tag : r.tags()) {
        FeatureGroupCodec.required(tag, "tags.member");
        tags.add(
            new Tag(
                FeatureGroupCodec.required(tag.key(), "tags.member.key"),
                FeatureGroupCodec.required(tag.value(), "tags.member.value")));
      }
    }
    FeatureGroupSpec spec =
        new FeatureGroupSpec(
            FeatureGroupCodec.required(r.featureGroupName(), "featureGroupName"),
            FeatureGroupCodec.required(
                r.recordIdentifierFeatureName(), "recordIdentifierFeatureName"),
            FeatureGroupCodec.required(r.eventTimeFeatureName(), "eventTimeFeatureName"),
            FeatureGroupCodec.toDefinitions(
                FeatureGroupCodec.required(r.featureDefinitions(), "featureDefinitions"),
                "featureDefinitions"),
            FeatureGroupCodec.toOnline(r.onlineStoreConfig()),
            FeatureGroupCodec.toOffline(r.offlineStoreConfig()),
            FeatureGroupCodec.toThroughput(r.throughputConfig()),
            r.roleArn(),
            r.description(),
            tags,
            FeatureGroupCodec.toIngestTransform(r.ingestTransform()));
    CreationLimit.Permit permit = creations.acquire();
    try {
      FeatureGroup group = store.createFeatureGroup(spec);
      return new FeatureGroupArnResponse(group.arn());
    } finally {
      permit.close();
    }
  }
}
