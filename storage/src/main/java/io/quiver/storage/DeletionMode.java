package io.quiver.storage;

import io.quiver.storage.catalog.WireEnum;

/**
 * How DeleteRecord removes a record online: a soft delete keeps a tombstone (the identifier stays
 * known with the delete's event time), a hard delete removes the record entirely.
 */
public enum DeletionMode implements WireEnum {
  SOFT_DELETE("SoftDelete"),
  HARD_DELETE("HardDelete");

  private final String wireName;

  DeletionMode(String wireName) {
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
  public static DeletionMode fromWireName(String value) {
    return WireEnum.parse(DeletionMode.class, "DeletionMode", value);
  }
}
