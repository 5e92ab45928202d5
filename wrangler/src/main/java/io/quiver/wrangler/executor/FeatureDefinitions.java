package io.quiver.wrangler.executor;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.DataType;

/**
 * How a flow's column types map to feature definitions: long and bool to Integral, float to
 * Fractional, string, date and datetime to String (ISO-8601), a vector to a Fractional list (a
 * Vector of its dimension when the caller knows it), a string array to a String list.
 *
 * @param definition the definition
 */
record FeatureDefinitions(FeatureDefinition definition) {

  static FeatureDefinitions of(Column column) {
    return new FeatureDefinitions(definition(column.name(), column.type()));
  }

  static FeatureDefinition definition(String name, DataType type) {
    return switch (type) {
      case LONG, BOOLEAN -> FeatureDefinition.of(name, FeatureType.INTEGRAL);
      case DOUBLE -> FeatureDefinition.of(name, FeatureType.FRACTIONAL);
      case STRING, DATE, TIMESTAMP -> FeatureDefinition.of(name, FeatureType.STRING);
      case VECTOR -> FeatureDefinition.list(name, FeatureType.FRACTIONAL);
      case STRING_LIST -> FeatureDefinition.list(name, FeatureType.STRING);
    };
  }

  String describe() {
    return definition.type().wireName()
        + (definition.collectionType() == null ? "" : " " + definition.collectionType().wireName());
  }
}
