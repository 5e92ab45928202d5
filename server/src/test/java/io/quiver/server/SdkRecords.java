package io.quiver.server;

import java.util.List;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.FeatureValue;

/** Records of the test groups of {@link io.quiver.server.FeatureGroups}, as SDK values. */
public final class SdkRecords {
  private SdkRecords() {}

  public static List<FeatureValue> record(String id, String ts, String n) {
    return List.of(value("id", id), value("ts", ts), value("n", n));
  }

  public static FeatureValue value(String name, String value) {
    return FeatureValue.builder().featureName(name).valueAsString(value).build();
  }
}
