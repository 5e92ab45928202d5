package io.quiver.storage.catalog;

/** The table format of the offline store as named by CreateFeatureGroup. */
public enum TableFormat implements WireEnum {
  DEFAULT("Default"),
  GLUE("Glue"),
  ICEBERG("Iceberg");

  private final String wireName;

  TableFormat(String wireName) {
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
  public static TableFormat fromWireName(String value) {
    return WireEnum.parse(TableFormat.class, "TableFormat", value);
  }
}
