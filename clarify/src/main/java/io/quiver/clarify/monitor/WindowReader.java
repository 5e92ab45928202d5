package io.quiver.clarify.monitor;

import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.wrangler.analyze.input.BatchSource;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The rows of one window of captured data, as the two monitors read them. */
interface WindowReader {

  /**
   * How many inference records fall in {@code window}, and how many of them have a label that had
   * arrived by {@code asOf}.
   *
   * @param labelColumn the ground truth's column, or {@code null} to count records only
   */
  WindowCounts counts(MonitoringWindow window, Instant asOf, @Nullable String labelColumn);

  /**
   * The window's records for a bias analysis: with {@code labelled}, only those whose label had
   * arrived by {@code asOf}, the label read from the ground truth; otherwise every record, read
   * with the columns as given (the caller names the prediction as the label).
   */
  BiasRowSource biasRows(
      MonitoringWindow window, Instant asOf, BiasColumns columns, boolean labelled);

  /** The window's features and predictions, without the inference id and the event time. */
  BatchSource features(MonitoringWindow window);

  /**
   * Counts of a window.
   *
   * @param rows inference records in the window
   * @param labelled those with ground truth
   */
  record WindowCounts(long rows, long labelled) {}
}
