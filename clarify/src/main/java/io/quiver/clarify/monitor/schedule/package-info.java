/**
 * Monitoring schedules as SageMaker defines them: job definitions (data quality, model bias) and
 * schedules with a cron expression, kept as their describe-responses in the data directory ({@link
 * io.quiver.clarify.monitor.schedule.MonitoringCatalog}), turned into monitors ({@link
 * io.quiver.clarify.monitor.schedule.JobDefinitions}) and run window by window, late ground truth
 * picked up by evaluating again the windows that ended within a lag ({@link
 * io.quiver.clarify.monitor.schedule.ScheduleRunner}).
 *
 * <p>Thread-safety: the catalog serialises its writes; the runner is safe to call from one thread
 * at a time per catalog (the server calls it from one scheduler thread).
 */
@NullMarked
package io.quiver.clarify.monitor.schedule;

import org.jspecify.annotations.NullMarked;
