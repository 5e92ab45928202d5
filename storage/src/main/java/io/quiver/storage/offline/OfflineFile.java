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

  /**
   * The start of the event-time hour (microseconds since the epoch, UTC) that every row of this
   * file belongs to, or {@link Long#MIN_VALUE} if that cannot be told reliably, so the file must
   * not be pruned by its folder. Only files named as Quiver names them ({@code <latest event
   * time>_<16 alphanumerics>.parquet}), with that time inside the hour of their {@code
   * year=/month=/day=/hour=} folder, qualify: other writers may name folders in another time zone
   * (Spark with a non-UTC session time zone does).
   */
  public long hourStartMicros() {
    return OfflineLayout.trustedHourStart(key);
  }
}
