package io.quiver.storage.catalog;

/** How a collection feature holds its values: an ordered list, a set, or a fixed-length vector. */
public enum CollectionType implements WireEnum {
  LIST("List"),
  SET("Set"),
  VECTOR("Vector");

  private final String wireName;

  CollectionType(String wireName) {
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
  public static CollectionType fromWireName(String value) {
    return WireEnum.parse(CollectionType.class, "CollectionType", value);
  }
}
