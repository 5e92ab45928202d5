package io.quiver.storage.objectstore;

import static java.util.Objects.requireNonNull;

/**
 * One object of an {@link ObjectStore}.
 *
 * @param key the key relative to the store's base location
 * @param uri the full URI ({@code file:///...} or {@code s3://bucket/...})
 * @param sizeBytes the object's size
 */
public record StoredObject(String key, String uri, long sizeBytes) {
  /** Checks the parts. */
  public StoredObject {
    requireNonNull(key, "key");
    requireNonNull(uri, "uri");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes: " + sizeBytes + " (expected: >= 0)");
    }
  }
}
