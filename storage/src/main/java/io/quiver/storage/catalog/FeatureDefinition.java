package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One feature of a feature group: its name, scalar type and, for collections, the collection type
 * and (for vectors) the fixed dimension. Rules on names and combinations are checked by the catalog
 * when a group is created, so that the message can name the group.
 *
 * @param name the feature name
 * @param type the scalar type (of each element, for a collection)
 * @param collectionType {@code null} for a scalar feature
 * @param vectorDimension the dimension of a {@link CollectionType#VECTOR} feature, else {@code
 *     null}
 */
public record FeatureDefinition(
    String name,
    FeatureType type,
    @Nullable CollectionType collectionType,
    @Nullable Integer vectorDimension) {

  /** Checks that the required parts are present. */
  public FeatureDefinition {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
  }

  /** A scalar feature. */
  public static FeatureDefinition of(String name, FeatureType type) {
    return new FeatureDefinition(name, type, null, null);
  }

  /** A list feature whose elements have {@code type}. */
  public static FeatureDefinition list(String name, FeatureType type) {
    return new FeatureDefinition(name, type, CollectionType.LIST, null);
  }

  /** A set feature whose elements have {@code type}. */
  public static FeatureDefinition set(String name, FeatureType type) {
    return new FeatureDefinition(name, type, CollectionType.SET, null);
  }

  /** A vector of {@code dimension} fractional values. */
  public static FeatureDefinition vector(String name, int dimension) {
    return new FeatureDefinition(name, FeatureType.FRACTIONAL, CollectionType.VECTOR, dimension);
  }

  /** Whether values of this feature are lists of strings on the wire. */
  public boolean isCollection() {
    return collectionType != null;
  }
}
