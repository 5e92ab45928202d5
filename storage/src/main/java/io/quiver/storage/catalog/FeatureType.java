package io.quiver.storage.catalog;

/** The scalar type of a feature, as SageMaker names it. */
public enum FeatureType implements WireEnum {
  INTEGRAL("Integral"),
  FRACTIONAL("Fractional"),
  STRING("String");

  private final String wireName;

  FeatureType(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * The constant spelled {@code value} on the wire.
   *
   * @throws io.quiver.storage.error.ValidationException if {@code value} is not one of them
   */
  public static FeatureType fromWireName(String value) {
    return WireEnum.parse(FeatureType.class, "FeatureType", value);
  }
}
