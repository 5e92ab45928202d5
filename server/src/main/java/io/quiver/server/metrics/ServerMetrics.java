package io.quiver.server.metrics;

import io.quiver.server.Operation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The server's metrics and their Prometheus text exposition. Thread-safe; recording methods are
 * lock-free and allocation-free once a label combination has been seen.
 */
public final class ServerMetrics {
  private final ConcurrentHashMap<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LatencyHistogram> latencies = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> throttled = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final Map<String, Gauge> gauges = new ConcurrentSkipListMap<>();

  /** A named gauge read at scrape time. */
  private record Gauge(String help, LongSupplier value) {}

  /**
   * Records one finished request.
   *
   * @param protocol {@code http} or {@code grpc}
   * @param outcome {@code OK} or the error code answered
   */
  public void recordRequest(String protocol, Operation operation, String outcome, long nanos) {
    String labels = "protocol=\"" + protocol + "\",operation=\"" + operation + "\"";
    requests.computeIfAbsent(labels + ",outcome=\"" + outcome + "\"", k -> new LongAdder()).increment();
    latencies.computeIfAbsent(labels, k -> new LatencyHistogram()).record(nanos);
  }

  /** Counts a request refused by a throughput or capacity limit. */
  public void recordThrottled(String protocol, Operation operation) {
    throttled.computeIfAbsent("protocol=\"" + protocol + "\",operation=\"" + operation + "\"", k -> new LongAdder()).increment();
  }

  /**
   * Counts a request refused before it reached an operation.
   *
   * @param reason for example {@code auth} or {@code size}
   */
  public void recordRejected(String protocol, String reason) {
    rejected.computeIfAbsent("protocol=\"" + protocol + "\",reason=\"" + reason + "\"", k -> new LongAdder()).increment();
  }

  /** Registers a gauge, read each time metrics are scraped; a later registration replaces it. */
  public void registerGauge(String name, String help, LongSupplier value) {
    gauges.put(name, new Gauge(help, value));
  }

  /** All metrics in Prometheus text exposition format 0.0.4. */
  public String scrape() {
    StringBuilder out = new StringBuilder(4096);
    counter(out, "quiver_requests_total", "Requests answered, by protocol, operation and outcome.", requests);
    out.append("# HELP quiver_request_duration_seconds Time from request decoded to response written.\n");
    out.append("# TYPE quiver_request_duration_seconds histogram\n");
    new ConcurrentSkipListMap<>(latencies).forEach((labels, h) -> h.writeTo(out, "quiver_request_duration_seconds", labels));
    counter(out, "quiver_throttled_total", "Requests refused with ThrottlingException.", throttled);
    counter(out, "quiver_rejected_total", "Requests refused before reaching an operation (auth, size).", rejected);
    gauges.forEach(
        (name, gauge) -> {
          out.append("# HELP ").append(name).append(' ').append(gauge.help()).append('\n');
          out.append("# TYPE ").append(name).append(" gauge\n");
          out.append(name).append(' ').append(gauge.value().getAsLong()).append('\n');
        });
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, Map<String, LongAdder> series) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    new ConcurrentSkipListMap<>(series).forEach((labels, n) -> out.append(name).append('{').append(labels).append("} ").append(n.sum()).append('\n'));
  }
}
