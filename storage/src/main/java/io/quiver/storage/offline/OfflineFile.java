package io.quiver.storage.offline;

import static java.util.Objects.requireNonNull;

/**
 * One Parquet file of a feature group's offline store, written by Quiver or dropped into the
 * group's layout by another writer (a Spark job, for example).
 *
 * @param uri where external engines find it ({@code file:///...} or {@code s3://...})
 * @param key its key below the group's base location, starting with the group's data path
 * @param sizeBytes its size
 */
public record OfflineFile(String uri, String key, long sizeBytes) {
  /** Checks the parts. */
  public OfflineFile {
    requireNonNull(uri, "uri");
    requireNonNull(key, "key");
  }
}
