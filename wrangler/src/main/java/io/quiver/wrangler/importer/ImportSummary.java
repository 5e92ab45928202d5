package io.quiver.wrangler.importer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an import did.
 *
 * @param featureGroup the group imported into
 * @param rowsRead rows read from the source
 * @param rowsWritten rows committed (each through PutRecord)
 * @param rowsSkipped rows rejected and skipped ({@link OnError#SKIP})
 * @param elapsed wall time
 * @param stopped whether the import was stopped before the end of the input
 * @param failure the row that failed the import ({@link OnError#FAIL}), or {@code null}
 * @param resumeAt the rows, counted from the start of the input, before which every row is
 *     committed or was skipped: the {@code skipRows} that resumes a stopped or failed import (at
 *     the end of a complete import, every row of the input)
 * @param committedPastResume rows after {@code resumeAt} committed nonetheless (batches written
 *     concurrently can commit out of order when one fails); resuming writes them again
 */
public record ImportSummary(
    String featureGroup,
    long rowsRead,
    long rowsWritten,
    long rowsSkipped,
    Duration elapsed,
    boolean stopped,
    @Nullable RowError failure,
    long resumeAt,
    long committedPastResume) {

  /** Checks the values. */
  public ImportSummary {
    requireNonNull(featureGroup, "featureGroup");
    requireNonNull(elapsed, "elapsed");
  }

  /** The failing row, if the import failed on one. */
  public Optional<RowError> failed() {
    return Optional.ofNullable(failure);
  }

  /** Rows committed per second. */
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : rowsWritten / seconds;
  }

  /**
   * One line for people, for example {@code customers: read 1000, written 998, skipped 2 in 1.2 s
   * (831 rows/s)}, with {@code , stopped} or {@code , failed} when so.
   */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s: read %d, written %d, skipped %d in %.1f s (%.0f rows/s)%s",
        featureGroup,
        rowsRead,
        rowsWritten,
        rowsSkipped,
        elapsed.toNanos() / 1e9,
        rowsPerSecond(),
        failure != null ? ", failed" : stopped ? ", stopped" : "");
  }
}
