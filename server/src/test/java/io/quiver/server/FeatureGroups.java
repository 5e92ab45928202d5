package io.quiver.server;

import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateFeatureGroupRequest;
import software.amazon.awssdk.services.sagemaker.model.FeatureDefinition;
import software.amazon.awssdk.services.sagemaker.model.FeatureType;
import software.amazon.awssdk.services.sagemaker.model.OnlineStoreConfig;

/** Test feature groups created through the SDK. */
public final class FeatureGroups {
  private FeatureGroups() {}

  /**
   * {@code id} (String), {@code ts} (Fractional), {@code n} (Integral), {@code s} (String); online
   * only.
   */
  public static CreateFeatureGroupRequest.Builder simple(String name) {
    return CreateFeatureGroupRequest.builder()
        .featureGroupName(name)
        .recordIdentifierFeatureName("id")
        .eventTimeFeatureName("ts")
        .featureDefinitions(
            feature("id", FeatureType.STRING),
            feature("ts", FeatureType.FRACTIONAL),
            feature("n", FeatureType.INTEGRAL),
            feature("s", FeatureType.STRING))
        .onlineStoreConfig(OnlineStoreConfig.builder().enableOnlineStore(true).build());
  }

  public static String create(SageMakerClient client, String name) {
    return client.createFeatureGroup(simple(name).build()).featureGroupArn();
  }

  public static FeatureDefinition feature(String name, FeatureType type) {
    return FeatureDefinition.builder().featureName(name).featureType(type).build();
  }
}
