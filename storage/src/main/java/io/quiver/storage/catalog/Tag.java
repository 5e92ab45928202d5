package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A key-value tag on a feature group.
 *
 * @param key 1 to 128 characters
 * @param value 0 to 256 characters
 */
public record Tag(String key, String value) {
  /** Checks that both parts are present. */
  public Tag {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
  }
}
