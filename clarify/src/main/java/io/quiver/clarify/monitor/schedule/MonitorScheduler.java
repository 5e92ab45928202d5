package io.quiver.clarify.monitor.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ScheduleRunner} on one thread of its own, waking at the end of the next window of
 * any schedule (the cron instants). Thread-safe; call {@link #reschedule()} after schedules change.
 */
public final class MonitorScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorScheduler.class);

  private final ScheduleRunner runner;
  private final InstantSource clock;
  private final ScheduledThreadPoolExecutor executor;
  private @Nullable ScheduledFuture<?> next;

  private MonitorScheduler(ScheduleRunner runner, InstantSource clock) {
    this.runner = runner;
    this.clock = clock;
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "quiver-monitor");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Starts waking for {@code runner}'s schedules. */
  public static MonitorScheduler start(ScheduleRunner runner, InstantSource clock) {
    MonitorScheduler scheduler =
        new MonitorScheduler(requireNonNull(runner, "runner"), requireNonNull(clock, "clock"));
    scheduler.reschedule();
    return scheduler;
  }

  /** Plans the next wake-up from the schedules as they are now. */
  public synchronized void reschedule() {
    if (executor.isShutdown()) {
      return;
    }
    if (next != null) {
      next.cancel(false);
      next = null;
    }
    Instant now = clock.instant();
    Optional<Instant> end;
    try {
      end = runner.nextWindowEnd(now);
    } catch (RuntimeException e) {
      LOG.warn("Cannot plan monitoring schedules: {}", e.getMessage());
      return;
    }
    if (end.isPresent()) {
      long delay = Math.max(0, Duration.between(now, end.get()).toMillis());
      next = executor.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    try {
      runner.runDue(clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("Monitoring schedules failed: {}", e.getMessage(), e);
    }
    reschedule();
  }

  /** Stops waking; an evaluation in progress finishes first. */
  @Override
  public void close() {
    synchronized (this) {
      executor.shutdown();
      if (next != null) {
        next.cancel(false);
      }
    }
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
