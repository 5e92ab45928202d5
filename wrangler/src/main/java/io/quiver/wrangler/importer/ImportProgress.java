package io.quiver.wrangler.importer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How far an import has come.
 *
 * @param rowsRead rows read from the source
 * @param rowsWritten rows committed to the store
 * @param rowsSkipped rows rejected and skipped
 * @param elapsed time since the import started
 * @param fractionRead how much of the input has been read, 0 to 1, or {@code NaN} if unknown
 */
public record ImportProgress(
    long rowsRead, long rowsWritten, long rowsSkipped, Duration elapsed, double fractionRead) {
  /** Checks the values. */
  public ImportProgress {
    requireNonNull(elapsed, "elapsed");
  }

  /** Rows committed per second so far. */
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : rowsWritten / seconds;
  }

  /** The estimated time left, if the input's size is known and some of it has been read. */
  public Optional<Duration> remaining() {
    if (Double.isNaN(fractionRead) || fractionRead <= 0) {
      return Optional.empty();
    }
    double left = elapsed.toNanos() * (1 - fractionRead) / fractionRead;
    return Optional.of(Duration.ofNanos((long) left));
  }
}
