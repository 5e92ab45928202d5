package io.quiver.storage.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeatureGroupTest {
  static final FeatureGroupSpec SPEC =
      FeatureGroupSpec.builder("orders")
          .recordIdentifier("id")
          .eventTime("ts")
          .feature("id", FeatureType.STRING)
          .feature("ts", FeatureType.FRACTIONAL)
          .feature("n", FeatureType.INTEGRAL)
          .build();

  @Test
  void describedRemotelyTakesAccountAndRegionFromTheArn() {
    FeatureGroup group =
        FeatureGroup.describedRemotely(
            SPEC,
            "arn:aws:sagemaker:eu-west-1:123456789012:feature-group/orders",
            Instant.ofEpochSecond(1700000000),
            Instant.ofEpochSecond(1700000001));

    assertThat(group.id()).isEqualTo(FeatureGroup.REMOTE_ID);
    assertThat(group.position("n")).isEqualTo(2);
    assertThat(group.offlineStoreDataPath())
        .isEqualTo("123456789012/sagemaker/eu-west-1/offline-store/orders-1700000000/data");
  }

  @Test
  void describedRemotelyRefusesAnArnOfAnotherGroup() {
    assertThatThrownBy(
            () ->
                FeatureGroup.describedRemotely(
                    SPEC,
                    "arn:aws:sagemaker:eu-west-1:123456789012:feature-group/other",
                    Instant.EPOCH,
                    Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "arn: arn:aws:sagemaker:eu-west-1:123456789012:feature-group/other (expected: ");
  }
}
