package io.quiver.server.metrics;

import io.quiver.server.Operation;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The server's metrics and their Prometheus text exposition. Thread-safe; recording is lock-free
 * and allocation-free once an (operation, outcome) pair has been seen, so it can run on event loops
 * at full request rate.
 */
public final class ServerMetrics {
  /** The protocols requests arrive by. */
  private static final String[] PROTOCOLS = {"http", "grpc"};

  private final Map<String, EnumMap<Operation, OperationMetrics>> operations =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final Map<String, Gauge> gauges = new ConcurrentSkipListMap<>();
  private final Map<String, GaugeFamily> families = new ConcurrentSkipListMap<>();

  /** Creates empty metrics. */
  public ServerMetrics() {
    for (String protocol : PROTOCOLS) {
      EnumMap<Operation, OperationMetrics> byOperation = new EnumMap<>(Operation.class);
      for (Operation operation : Operation.values()) {
        byOperation.put(operation, new OperationMetrics());
      }
      operations.put(protocol, byOperation);
    }
  }

  /** Metrics of one operation on one protocol. */
  private static final class OperationMetrics {
    final ConcurrentHashMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    final LatencyHistogram latency = new LatencyHistogram();
    final LongAdder throttled = new LongAdder();
  }

  /** A named gauge read at scrape time. */
  private record Gauge(String help, LongSupplier value) {}

  /** A gauge with labels, its samples read at scrape time. */
  private record GaugeFamily(String help, Supplier<List<GaugeSample>> samples) {}

  /**
   * One sample of a labelled gauge.
   *
   * @param labels label names and values, in exposition order
   * @param value the value (infinite and NaN values are written as Prometheus spells them)
   */
  public record GaugeSample(Map<String, String> labels, double value) {
    /** Copies the labels, keeping their order. */
    public GaugeSample {
      labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
  }

  private OperationMetrics of(String protocol, Operation operation) {
    EnumMap<Operation, OperationMetrics> byOperation = operations.get(protocol);
    if (byOperation == null) {
      throw new IllegalArgumentException("protocol: " + protocol + " (expected: http or grpc)");
    }
    return byOperation.get(operation);
  }

  /**
   * Records one finished request.
   *
   * @param protocol {@code http} or {@code grpc}
   * @param outcome {@code OK} or the error code answered
   * @throws IllegalArgumentException if the protocol is not one of those
   */
  public void recordRequest(String protocol, Operation operation, String outcome, long nanos) {
    OperationMetrics m = of(protocol, operation);
    LongAdder count = m.outcomes.get(outcome);
    if (count == null) {
      count = m.outcomes.computeIfAbsent(outcome, k -> new LongAdder());
    }
    count.increment();
    m.latency.record(nanos);
  }

  /** Counts a request refused by a throughput or capacity limit. */
  public void recordThrottled(String protocol, Operation operation) {
    of(protocol, operation).throttled.increment();
  }

  /**
   * Counts a request refused before it reached an operation.
   *
   * @param reason for example {@code auth} or {@code size}
   */
  public void recordRejected(String protocol, String reason) {
    rejected
        .computeIfAbsent(
            "protocol=\"" + protocol + "\",reason=\"" + reason + "\"", k -> new LongAdder())
        .increment();
  }

  /** Registers a gauge, read each time metrics are scraped; a later registration replaces it. */
  public void registerGauge(String name, String help, LongSupplier value) {
    gauges.put(name, new Gauge(help, value));
  }

  /**
   * Registers a gauge with labels whose samples are read each time metrics are scraped; a later
   * registration replaces it. A family without samples is left out of the exposition.
   */
  public void registerGaugeFamily(String name, String help, Supplier<List<GaugeSample>> samples) {
    families.put(name, new GaugeFamily(help, samples));
  }

  /** All metrics in Prometheus text exposition format 0.0.4; only operations that saw traffic. */
  public String scrape() {
    StringBuilder requests =
        header(
            "quiver_requests_total",
            "Requests answered, by protocol, operation and outcome.",
            "counter");
    StringBuilder latency =
        header(
            "quiver_request_duration_seconds",
            "Time from request decoded to response written.",
            "histogram");
    StringBuilder throttled =
        header("quiver_throttled_total", "Requests refused with ThrottlingException.", "counter");
    for (String protocol : PROTOCOLS) {
      for (Map.Entry<Operation, OperationMetrics> e : operations.get(protocol).entrySet()) {
        String labels = "protocol=\"" + protocol + "\",operation=\"" + e.getKey() + "\"";
        OperationMetrics m = e.getValue();
        new ConcurrentSkipListMap<>(m.outcomes)
            .forEach(
                (outcome, n) ->
                    requests
                        .append("quiver_requests_total{")
                        .append(labels)
                        .append(",outcome=\"")
                        .append(outcome)
                        .append("\"} ")
                        .append(n.sum())
                        .append('\n'));
        if (!m.outcomes.isEmpty()) {
          m.latency.writeTo(latency, "quiver_request_duration_seconds", labels);
        }
        long t = m.throttled.sum();
        if (t > 0) {
          throttled
              .append("quiver_throttled_total{")
              .append(labels)
              .append("} ")
              .append(t)
              .append('\n');
        }
      }
    }
    StringBuilder out = new StringBuilder(4096).append(requests).append(latency).append(throttled);
    out.append(
        header(
            "quiver_rejected_total",
            "Requests refused before reaching an operation (auth, size).",
            "counter"));
    new ConcurrentSkipListMap<>(rejected)
        .forEach(
            (labels, n) ->
                out.append("quiver_rejected_total{")
                    .append(labels)
                    .append("} ")
                    .append(n.sum())
                    .append('\n'));
    gauges.forEach(
        (name, gauge) ->
            out.append(header(name, gauge.help(), "gauge"))
                .append(name)
                .append(' ')
                .append(gauge.value().getAsLong())
                .append('\n'));
    families.forEach(
        (name, family) -> {
          List<GaugeSample> samples = family.samples().get();
          if (samples.isEmpty()) {
            return;
          }
          out.append(header(name, family.help(), "gauge"));
          for (GaugeSample sample : samples) {
            out.append(name).append('{');
            String separator = "";
            for (Map.Entry<String, String> label : sample.labels().entrySet()) {
              out.append(separator)
                  .append(label.getKey())
                  .append("=\"")
                  .append(escape(label.getValue()))
                  .append('"');
              separator = ",";
            }
            out.append("} ").append(number(sample.value())).append('\n');
          }
        });
    return out.toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(value);
  }

  private static StringBuilder header(String name, String help, String type) {
    return new StringBuilder()
        .append("# HELP ")
        .append(name)
        .append(' ')
        .append(help)
        .append('\n')
        .append("# TYPE ")
        .append(name)
        .append(' ')
        .append(type)
        .append('\n');
  }
}
