package io.quiver.clarify.monitor.schedule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.clarify.monitor.Monitor;
import io.quiver.clarify.monitor.MonitorResults;
import io.quiver.clarify.monitor.MonitorType;
import io.quiver.clarify.monitor.MonitoringWindow;
import io.quiver.clarify.monitor.WindowResult;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.offline.OfflineHistory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * A tick at instant `now` evaluates, for every schedule that is Scheduled, each window that ended
 * after the schedule was created, at or before `now`, and no longer than `lag` before it: the
 * newest window for the first time, older ones again so that labels that arrived since are
 * joined. A window whose records all had labels at its last evaluation is not evaluated again.
 * Ticks are idempotent: a tick repeated at the same instant evaluates the same windows to the same
 * results.
 */

/** Runs the windows of monitoring schedules that are due. Call from one thread at a time. */
public final class ScheduleRunner {
  /** Default {@link #lag()}: labels arriving up to three days late are joined. */
  public static final Duration LAG_DEFAULT = Duration.ofDays(3);

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

  private final MonitoringCatalog catalog;
  private final MonitorResults results;
  private final Supplier<@Nullable OfflineHistory> offline;
  private final Duration lag;

  /**
   * A runner over {@code catalog}'s schedules.
   *
   * @param offline opens the offline store as it is now (called once per tick)
   * @param lag how long after a window ends it is evaluated again for late labels, {@code >= 0}
   */
  public ScheduleRunner(
      MonitoringCatalog catalog,
      MonitorResults results,
      Supplier<@Nullable OfflineHistory> offline,
      Duration lag) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.results = requireNonNull(results, "results");
    this.offline = requireNonNull(offline, "offline");
    if (lag.isNegative()) {
      throw new IllegalArgumentException("lag: " + lag + " (expected: >= 0)");
    }
    this.lag = lag;
  }

  /** How long after a window ends it is evaluated again. */
  public Duration lag() {
    return lag;
  }

  /** The results the runner keeps. */
  public MonitorResults results() {
    return results;
  }

  /**
   * One evaluation a tick made.
   *
   * @param schedule the schedule's name
   * @param result the outcome
   */
  public record Run(String schedule, WindowResult result) {}

  /** Evaluates every window due at {@code now}; a schedule that fails does not stop the others. */
  public List<Run> runDue(Instant now) {
    List<Run> runs = new ArrayList<>();
    @Nullable OfflineHistory source = null;
    boolean opened = false;
    for (ObjectNode schedule : catalog.listSchedules()) {
      if (!MonitoringCatalog.SCHEDULED.equals(schedule.path("MonitoringScheduleStatus").asText())) {
        continue;
      }
      String name = schedule.path("MonitoringScheduleName").asText();
      List<MonitoringWindow> due = due(schedule, name, now);
      if (due.isEmpty()) {
        continue;
      }
      if (!opened) {
        source = openQuietly();
        opened = true;
      }
      for (MonitoringWindow window : due) {
        runs.add(new Run(name, evaluate(schedule, window, now, source)));
      }
    }
    return runs;
  }

  /**
   * Evaluates one window of schedule {@code name} with the ground truth that arrived by {@code
   * asOf} (what {@code quiver monitor run} does), whatever the schedule's status.
   *
   * @throws io.quiver.storage.error.ResourceNotFoundException if there is no such schedule
   */
  public WindowResult run(String name, MonitoringWindow window, Instant asOf) {
    return evaluate(catalog.describeSchedule(name), window, asOf, openQuietly());
  }

  /** The next instant a window of any schedule ends after {@code now}, if any schedule runs. */
  public Optional<Instant> nextWindowEnd(Instant now) {
    Instant next = null;
    for (ObjectNode schedule : catalog.listSchedules()) {
      if (!MonitoringCatalog.SCHEDULED.equals(schedule.path("MonitoringScheduleStatus").asText())) {
        continue;
      }
      ScheduleExpression e = expression(schedule);
      Instant end = e.lastWindowBy(now).end().plus(e.period());
      if (next == null || end.isBefore(next)) {
        next = end;
      }
    }
    return Optional.ofNullable(next);
  }

  private List<MonitoringWindow> due(ObjectNode schedule, String name, Instant now) {
    ScheduleExpression expression = expression(schedule);
    Instant created = instant(schedule.path("CreationTime"));
    boolean labels =
        MonitoringCatalog.type(schedule.path("MonitoringScheduleConfig")) == MonitorType.MODEL_BIAS;
    Map<MonitoringWindow, WindowResult> kept = new HashMap<>();
    for (MonitorResults.Execution e : results.list(name)) {
      kept.put(e.result().window(), e.result());
    }
    List<MonitoringWindow> due = new ArrayList<>();
    for (MonitoringWindow w = expression.lastWindowBy(now);
        w.end().isAfter(created) && !w.end().plus(lag).isBefore(now);
        w = expression.previous(w)) {
      WindowResult last = kept.get(w);
      boolean settled =
          last != null
              && !last.status().equals(WindowResult.FAILED)
              && (!labels || last.labelledRows() == last.rows());
      if (!settled) {
        due.add(0, w);
      }
    }
    return due;
  }

  private WindowResult evaluate(
      JsonNode schedule, MonitoringWindow window, Instant asOf, @Nullable OfflineHistory source) {
    String name = schedule.path("MonitoringScheduleName").asText();
    JsonNode config = schedule.path("MonitoringScheduleConfig");
    MonitorType type = MonitoringCatalog.type(config);
    try {
      Monitor monitor =
          JobDefinitions.monitor(
              type,
              catalog.describeJobDefinition(
                  type, config.path("MonitoringJobDefinitionName").asText()));
      return results.evaluate(name, monitor, source, window, asOf);
    } catch (QuiverException | IllegalArgumentException e) {
      LOG.warn("Monitoring schedule {} failed on window {}: {}", name, window, e.getMessage());
      return results.fail(name, type, window, asOf, String.valueOf(e.getMessage()));
    }
  }

  private @Nullable OfflineHistory openQuietly() {
    try {
      return offline.get();
    } catch (QuiverException e) {
      LOG.warn("Cannot open the offline store for monitoring: {}", e.getMessage());
      return null;
    }
  }

  private static ScheduleExpression expression(JsonNode schedule) {
    return ScheduleExpression.parse(
        schedule
            .path("MonitoringScheduleConfig")
            .path("ScheduleConfig")
            .path("ScheduleExpression")
            .asText(""));
  }

  private static Instant instant(JsonNode seconds) {
    BigDecimal millis = seconds.decimalValue().movePointRight(3);
    return Instant.ofEpochMilli(millis.longValue());
  }
}
