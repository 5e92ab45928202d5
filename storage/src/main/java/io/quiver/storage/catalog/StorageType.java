package io.quiver.storage.catalog;

/**
 * The online store tier SageMaker offers; Quiver stores both in RocksDB and keeps the name for
 * compatibility.
 */
public enum StorageType implements WireEnum {
  STANDARD("Standard"),
  IN_MEMORY("InMemory");

  private final String wireName;

  StorageType(String wireName) {
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
  public static StorageType fromWireName(String value) {
    return WireEnum.parse(StorageType.class, "StorageType", value);
  }
}
