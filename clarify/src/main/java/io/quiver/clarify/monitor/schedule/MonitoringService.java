package io.quiver.clarify.monitor.schedule;

import static java.util.Objects.requireNonNull;

import io.quiver.clarify.monitor.MonitorResults;
import io.quiver.storage.offline.OfflineHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The monitoring of one data directory: its catalog ({@code <data dir>/monitoring}), its results
 * ({@code <data dir>/monitoring/results}), and, when started with a scheduler, the thread that runs
 * the schedules. Thread-safe.
 */
public final class MonitoringService implements AutoCloseable {
  /** The folder under the data directory. */
  public static final String FOLDER = "monitoring";

  private final MonitoringCatalog catalog;
  private final ScheduleRunner runner;
  private final @Nullable MonitorScheduler scheduler;

  private MonitoringService(
      MonitoringCatalog catalog, ScheduleRunner runner, @Nullable MonitorScheduler scheduler) {
    this.catalog = catalog;
    this.runner = runner;
    this.scheduler = scheduler;
  }

  /**
   * Opens the monitoring of {@code dataDir}.
   *
   * @param offline opens the offline store as it is now
   * @param lag how long windows are evaluated again for late labels
   * @param schedule whether to run the schedules on a thread of their own (a server does; {@code
   *     quiver monitor} does not)
   */
  public static MonitoringService open(
      Path dataDir,
      String region,
      String account,
      InstantSource clock,
      Supplier<@Nullable OfflineHistory> offline,
      Duration lag,
      boolean schedule) {
    Path root = dataDir.resolve(FOLDER);
    MonitoringCatalog catalog = MonitoringCatalog.open(root, region, account, clock);
    ScheduleRunner runner =
        new ScheduleRunner(catalog, MonitorResults.at(root.resolve("results")), offline, lag);
    return new MonitoringService(
        catalog, runner, schedule ? MonitorScheduler.start(runner, clock) : null);
  }

  /** The job definitions and schedules. */
  public MonitoringCatalog catalog() {
    return requireNonNull(catalog);
  }

  /** The runner of the schedules' windows. */
  public ScheduleRunner runner() {
    return runner;
  }

  /** The kept results. */
  public MonitorResults results() {
    return runner.results();
  }

  /** Plans the scheduler's next wake-up after schedules changed; nothing without a scheduler. */
  public void schedulesChanged() {
    if (scheduler != null) {
      scheduler.reschedule();
    }
  }

  /** Stops the scheduler, letting an evaluation in progress finish. */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.close();
    }
  }
}
