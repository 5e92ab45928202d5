package io.quiver.server.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.clarify.monitor.MetricPoint;
import io.quiver.clarify.monitor.MonitorResults;
import io.quiver.clarify.monitor.schedule.MonitoringService;
import io.quiver.server.metrics.ServerMetrics.GaugeSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitors' latest windows as Prometheus gauges, read from their results at scrape time: each
 * checked metric's value and band, and the violation count per schedule. Stateless.
 */
public final class MonitoringGauges {
  private static final Logger LOG = LoggerFactory.getLogger(MonitoringGauges.class);

  private MonitoringGauges() {}

  /** Registers the gauges of {@code monitoring}'s schedules on {@code metrics}. */
  public static void register(ServerMetrics metrics, MonitoringService monitoring) {
    metrics.registerGaugeFamily(
        "quiver_monitor_metric",
        "Latest window's value of each metric a monitoring schedule checks.",
        () -> points(monitoring, "value"));
    metrics.registerGaugeFamily(
        "quiver_monitor_metric_lower",
        "Least value the baseline allows for each checked metric.",
        () -> points(monitoring, "lower"));
    metrics.registerGaugeFamily(
        "quiver_monitor_metric_upper",
        "Largest value the baseline allows for each checked metric.",
        () -> points(monitoring, "upper"));
    metrics.registerGaugeFamily(
        "quiver_monitor_violations",
        "Constraint violations in the latest window of each monitoring schedule.",
        () -> violations(monitoring));
  }

  private static List<GaugeSample> points(MonitoringService monitoring, String which) {
    List<GaugeSample> out = new ArrayList<>();
    for (MonitorResults.Execution e : latest(monitoring)) {
      for (MetricPoint p : e.result().metrics()) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("monitor", e.monitor());
        labels.put("type", e.type().sageMakerName());
        labels.put("metric", p.metric());
        labels.put("subject", p.subject());
        double v =
            switch (which) {
              case "lower" -> p.lower();
              case "upper" -> p.upper();
              default -> p.value();
            };
        out.add(new GaugeSample(labels, v));
      }
    }
    return out;
  }

  private static List<GaugeSample> violations(MonitoringService monitoring) {
    List<GaugeSample> out = new ArrayList<>();
    for (MonitorResults.Execution e : latest(monitoring)) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("monitor", e.monitor());
      labels.put("type", e.type().sageMakerName());
      out.add(new GaugeSample(labels, e.result().violations().size()));
    }
    return out;
  }

  private static List<MonitorResults.Execution> latest(MonitoringService monitoring) {
    List<MonitorResults.Execution> out = new ArrayList<>();
    try {
      for (ObjectNode schedule : monitoring.catalog().listSchedules()) {
        Optional<MonitorResults.Execution> e =
            monitoring.results().latest(schedule.path("MonitoringScheduleName").asText());
        e.ifPresent(out::add);
      }
    } catch (RuntimeException e) {
      // a scrape still succeeds while a file is unreadable
      LOG.debug("Cannot read monitoring results", e);
    }
    return out;
  }
}
