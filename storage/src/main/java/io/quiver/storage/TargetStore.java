package io.quiver.storage;

import io.quiver.storage.catalog.WireEnum;

/** A store a PutRecord or DeleteRecord may be directed at. */
public enum TargetStore implements WireEnum {
  ONLINE_STORE("OnlineStore"),
  OFFLINE_STORE("OfflineStore");

  private final String wireName;

  TargetStore(String wireName) {
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
  public static TargetStore fromWireName(String value) {
    return WireEnum.parse(TargetStore.class, "TargetStores", value);
  }
}
