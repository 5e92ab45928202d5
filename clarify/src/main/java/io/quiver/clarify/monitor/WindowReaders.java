package io.quiver.clarify.monitor;

import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.OfflineHistory;
import org.jspecify.annotations.Nullable;

/** Opens the reader that fits a kind of captured data. Stateless. */
final class WindowReaders {
  private WindowReaders() {}

  static WindowReader open(CapturedData data, @Nullable OfflineHistory offline) {
    if (data instanceof CapturedData.FeatureGroups groups) {
      if (offline == null) {
        throw new ValidationException(
            "Cannot read feature group '" + groups.records() + "': no data directory is open");
      }
      return new FeatureGroupWindows(offline, groups);
    }
    return new CaptureFileWindows((CapturedData.CaptureFiles) data);
  }
}
