/**
 * Monitoring after deployment, in the manner of SageMaker Model Monitor: each window of captured
 * inference data (joined with the ground truth that has arrived) is measured and compared with a
 * baseline. A {@link io.quiver.clarify.monitor.BiasDriftMonitor} computes Clarify's bias metrics
 * per window and checks them against a {@code quiver bias} analysis; a {@link
 * io.quiver.clarify.monitor.DataQualityMonitor} profiles the window and checks it against {@code
 * constraints.json}. {@link io.quiver.clarify.monitor.MonitorResults} keeps each window's {@code
 * analysis.json} (or {@code statistics.json}) and {@code constraint_violations.json}.
 *
 * <p>Priorities: the same numbers as {@code quiver bias} and {@code quiver analyze} on the same
 * rows (the monitors only select rows and reuse those); files in Model Monitor's shapes; a window
 * evaluated again (late ground truth) replaces its files atomically. Formats: {@code
 * docs/format/monitoring-results.md}.
 *
 * <p>Thread-safety: values are immutable; monitors are stateless; {@link
 * io.quiver.clarify.monitor.MonitorResults} serialises writes per folder.
 */
@NullMarked
package io.quiver.clarify.monitor;

import org.jspecify.annotations.NullMarked;
