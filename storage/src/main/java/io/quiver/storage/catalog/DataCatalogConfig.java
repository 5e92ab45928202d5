package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

/**
 * The Glue catalog names of an offline store, kept and described back for tools that read them.
 *
 * @param tableName the table name
 * @param catalog the catalog name
 * @param database the database name
 */
public record DataCatalogConfig(String tableName, String catalog, String database) {
  /** Checks that the required parts are present. */
  public DataCatalogConfig {
    requireNonNull(tableName, "tableName");
    requireNonNull(catalog, "catalog");
    requireNonNull(database, "database");
  }
}
