package io.quiver.server.control;

import io.quiver.server.control.ControlJson.DescribeFeatureMetadataResponse;
import io.quiver.server.control.ControlJson.FeatureMetadataRequest;
import io.quiver.server.control.ControlJson.ParameterJson;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureMetadata;
import io.quiver.storage.error.ResourceNotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** DescribeFeatureMetadata: a feature's type, description and parameters. Stateless. */
final class DescribeFeatureMetadataHandler implements ControlHandler<FeatureMetadataRequest> {
  private final QuiverStore store;

  DescribeFeatureMetadataHandler(QuiverStore store) {
    this.store = store;
  }

  @Override
  public Class<FeatureMetadataRequest> requestType() {
    return FeatureMetadataRequest.class;
  }

  @Override
  public DescribeFeatureMetadataResponse handle(FeatureMetadataRequest request) {
    FeatureGroup group =
        store.describeFeatureGroup(
            FeatureGroupCodec.required(request.featureGroupName(), "featureGroupName"));
    return describe(group, FeatureGroupCodec.required(request.featureName(), "featureName"));
  }

  /**
   * The metadata of {@code featureName} in {@code group}, as DescribeFeatureMetadata and Search
   * answer it.
   *
   * @throws ResourceNotFoundException if the group has no such feature
   */
  static DescribeFeatureMetadataResponse describe(FeatureGroup group, String featureName) {
    FeatureDefinition feature =
        group
            .feature(featureName)
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "Resource Not Found: Amazon SageMaker can't find a Feature with name "
                            + featureName
                            + " in FeatureGroup "
                            + group.name()));
    FeatureMetadata metadata = group.featureMetadata().get(featureName);
    Instant modified =
        metadata == null
            ? group.creationTime()
            : Instant.EPOCH.plus(metadata.lastModifiedMicros(), ChronoUnit.MICROS);
    List<ParameterJson> parameters = new ArrayList<>();
    if (metadata != null) {
      for (Map.Entry<String, String> p : new TreeMap<>(metadata.parameters()).entrySet()) {
        parameters.add(new ParameterJson(p.getKey(), p.getValue()));
      }
    }
    return new DescribeFeatureMetadataResponse(
        group.arn(),
        group.name(),
        featureName,
        feature.type().wireName(),
        FeatureGroupCodec.epochSeconds(group.creationTime()),
        FeatureGroupCodec.epochSeconds(modified),
        metadata == null ? null : metadata.description(),
        parameters);
  }
}
