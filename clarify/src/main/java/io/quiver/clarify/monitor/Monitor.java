package io.quiver.clarify.monitor;

import io.quiver.storage.offline.OfflineHistory;
import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A check of captured inference data against a baseline, evaluated one window at a time. Use {@link
 * MonitorResults#evaluate} to keep the results; stateless and thread-safe.
 */
public sealed interface Monitor permits BiasDriftMonitor, DataQualityMonitor {

  /** What the monitor checks. */
  MonitorType type();

  /** Where it reads. */
  CapturedData data();

  /**
   * Evaluates {@code window} with the ground truth that had arrived by {@code asOf}, writing the
   * window's files into {@code directory}.
   *
   * @param offline the offline store holding the feature groups, or {@code null} if the captured
   *     data are files
   * @throws io.quiver.storage.error.ValidationException if the captured data or the baseline do not
   *     fit the monitor (a missing column, for example)
   * @throws io.quiver.storage.error.ResourceNotFoundException if a feature group does not exist
   */
  default WindowResult evaluate(
      @Nullable OfflineHistory offline, MonitoringWindow window, Instant asOf, Path directory) {
    WindowReader reader = WindowReaders.open(data(), offline);
    if (this instanceof BiasDriftMonitor bias) {
      return bias.run(reader, window, asOf, directory);
    }
    return ((DataQualityMonitor) this).run(reader, window, asOf, directory);
  }
}
