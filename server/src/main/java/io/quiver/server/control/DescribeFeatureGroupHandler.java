package io.quiver.server.control;

import io.quiver.server.control.ControlJson.DescribeFeatureGroupResponse;
import io.quiver.server.control.ControlJson.FeatureGroupNameRequest;
import io.quiver.storage.QuiverStore;

/**
 * DescribeFeatureGroup: every definition in one page, so {@code NextToken} is always empty.
 * Stateless.
 */
final class DescribeFeatureGroupHandler implements ControlHandler<FeatureGroupNameRequest> {
  private final QuiverStore store;

  DescribeFeatureGroupHandler(QuiverStore store) {
    this.store = store;
  }

  @Override
  public Class<FeatureGroupNameRequest> requestType() {
    return FeatureGroupNameRequest.class;
  }

  @Override
  public DescribeFeatureGroupResponse handle(FeatureGroupNameRequest request) {
    String name = FeatureGroupCodec.required(request.featureGroupName(), "featureGroupName");
    return FeatureGroupCodec.describe(store.describeFeatureGroup(name));
  }
}
