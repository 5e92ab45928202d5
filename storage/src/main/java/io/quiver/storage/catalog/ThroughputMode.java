package io.quiver.storage.catalog;

/** The capacity mode of a feature group; kept and described back, not enforced per group. */
public enum ThroughputMode implements WireEnum {
  ON_DEMAND("OnDemand"),
  PROVISIONED("Provisioned");

  private final String wireName;

  ThroughputMode(String wireName) {
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
  public static ThroughputMode fromWireName(String value) {
    return WireEnum.parse(ThroughputMode.class, "ThroughputMode", value);
  }
}
