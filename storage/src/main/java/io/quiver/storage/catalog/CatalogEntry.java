package io.quiver.storage.catalog;

import java.util.Map;

/**
 * The persisted form of one feature group: a JSON document under the key {@code group/<name>} of
 * the catalog column family. See {@code docs/format/catalog.md}.
 */
record CatalogEntry(
    int formatVersion,
    long id,
    FeatureGroupSpec spec,
    long creationMicros,
    long lastModifiedMicros,
    Map<String, FeatureMetadata> featureMetadata) {

  static final int FORMAT_VERSION = 1;
}
