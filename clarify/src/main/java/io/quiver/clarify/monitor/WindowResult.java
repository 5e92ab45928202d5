package io.quiver.clarify.monitor;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of evaluating one window, as {@code execution.json} records it next to the window's
 * analysis and violations.
 *
 * @param window the window
 * @param evaluatedAt the instant the ground truth was read as of
 * @param status {@code Completed}, {@code CompletedWithViolations} or {@code Failed}, as
 *     SageMaker's {@code MonitoringExecutionStatus}
 * @param failureReason why the evaluation failed, or {@code null}
 * @param rows inference records in the window
 * @param labelledRows those with ground truth (0 when post-training metrics were not computed)
 * @param metrics the checked values
 * @param violations the violations
 */
public record WindowResult(
    MonitoringWindow window,
    Instant evaluatedAt,
    String status,
    @Nullable String failureReason,
    long rows,
    long labelledRows,
    List<MetricPoint> metrics,
    List<MonitorViolation> violations) {

  /** Status of a window that met every constraint. */
  public static final String COMPLETED = "Completed";

  /** Status of a window with violations. */
  public static final String COMPLETED_WITH_VIOLATIONS = "CompletedWithViolations";

  /** Status of a window that could not be evaluated. */
  public static final String FAILED = "Failed";

  /** Copies the lists. */
  public WindowResult {
    requireNonNull(window, "window");
    requireNonNull(evaluatedAt, "evaluatedAt");
    requireNonNull(status, "status");
    metrics = List.copyOf(metrics);
    violations = List.copyOf(violations);
  }

  /** A completed evaluation; its status says whether there were violations. */
  static WindowResult completed(
      MonitoringWindow window,
      Instant evaluatedAt,
      long rows,
      long labelledRows,
      List<MetricPoint> metrics,
      List<MonitorViolation> violations) {
    return new WindowResult(
        window,
        evaluatedAt,
        violations.isEmpty() ? COMPLETED : COMPLETED_WITH_VIOLATIONS,
        null,
        rows,
        labelledRows,
        metrics,
        violations);
  }

  /** A failed evaluation of a window with {@code rows} records. */
  public static WindowResult failed(
      MonitoringWindow window, Instant evaluatedAt, long rows, String reason) {
    return new WindowResult(window, evaluatedAt, FAILED, reason, rows, 0, List.of(), List.of());
  }
}
