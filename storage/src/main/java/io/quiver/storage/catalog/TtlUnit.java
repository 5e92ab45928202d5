package io.quiver.storage.catalog;

import java.time.Duration;

/** The unit of a {@link TtlDuration}, as SageMaker names it. */
public enum TtlUnit implements WireEnum {
  SECONDS("Seconds", Duration.ofSeconds(1)),
  MINUTES("Minutes", Duration.ofMinutes(1)),
  HOURS("Hours", Duration.ofHours(1)),
  DAYS("Days", Duration.ofDays(1)),
  WEEKS("Weeks", Duration.ofDays(7));

  private final String wireName;
  private final Duration length;

  TtlUnit(String wireName, Duration length) {
    this.wireName = wireName;
    this.length = length;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** One unit as a duration. */
  public Duration length() {
    return length;
  }

  /**
   * The constant spelled {@code value} on the wire.
   *
   * @throws io.quiver.storage.error.ValidationException if {@code value} is not one of them
   */
  public static TtlUnit fromWireName(String value) {
    return WireEnum.parse(TtlUnit.class, "TtlDuration Unit", value);
  }
}
