package io.quiver.spark.group;

import io.quiver.protocol.client.FeatureStoreClient;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeFeatureGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.FeatureDefinition;
import software.amazon.awssdk.services.sagemaker.model.OfflineStoreConfig;
import software.amazon.awssdk.services.sagemaker.model.OnlineStoreConfig;

/** Describes feature groups through DescribeFeatureGroup (gRPC or REST). Stateless. */
public final class GroupDescriber {
  private GroupDescriber() {}

  /**
   * The handle of group {@code nameOrArn}, as {@code endpoint} describes it.
   *
   * @throws software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException if there is
   *     no such group (REST)
   * @throws io.quiver.protocol.client.RemoteStoreException if there is no such group or the server
   *     cannot be reached (gRPC)
   */
  public static GroupHandle describe(ServiceEndpoint endpoint, String nameOrArn) {
    if (endpoint.grpc()) {
      try (FeatureStoreClient client = endpoint.featureStore()) {
        return GroupHandle.of(client.describeFeatureGroup(nameOrArn));
      }
    }
    try (SageMakerClient client = endpoint.control()) {
      return handle(client.describeFeatureGroup(b -> b.featureGroupName(nameOrArn)));
    }
  }

  static GroupHandle handle(DescribeFeatureGroupResponse d) {
    List<GroupHandle.Feature> features = new ArrayList<>();
    for (FeatureDefinition f : d.featureDefinitions()) {
      Integer dimension = null;
      if (f.collectionConfig() != null && f.collectionConfig().vectorConfig() != null) {
        dimension = f.collectionConfig().vectorConfig().dimension();
      }
      features.add(
          new GroupHandle.Feature(
              f.featureName(), f.featureTypeAsString(), f.collectionTypeAsString(), dimension));
    }
    OnlineStoreConfig online = d.onlineStoreConfig();
    OfflineStoreConfig offline = d.offlineStoreConfig();
    String base = null;
    String resolved = null;
    if (offline != null && offline.s3StorageConfig() != null) {
      base = offline.s3StorageConfig().s3Uri();
      resolved = offline.s3StorageConfig().resolvedOutputS3Uri();
    }
    return new GroupHandle(
        d.featureGroupName(),
        d.featureGroupArn(),
        d.creationTime().toEpochMilli(),
        d.recordIdentifierFeatureName(),
        d.eventTimeFeatureName(),
        features,
        online != null && Boolean.TRUE.equals(online.enableOnlineStore()),
        base,
        resolved);
  }
}
