package io.quiver.storage.internal.catalog;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import java.time.Instant;
import java.util.Map;

/**
 * Builds {@link FeatureGroup}s without a store, for tests of code that only needs a group's
 * definition (record rules, record encoding).
 */
public final class TestFeatureGroups {
  private TestFeatureGroups() {}

  /**
   * The group {@code spec} defines, with id 1, after checking the creation rules.
   *
   * @throws io.quiver.storage.error.ValidationException if {@code spec} breaks a rule
   */
  public static FeatureGroup of(FeatureGroupSpec spec) {
    FeatureGroupRules.checkCreate(spec);
    return new FeatureGroup(
        1,
        spec,
        "arn:aws:sagemaker:us-east-1:000000000000:feature-group/" + spec.featureGroupName(),
        Instant.EPOCH,
        Instant.EPOCH,
        Map.of(),
        "000000000000",
        "us-east-1");
  }
}
