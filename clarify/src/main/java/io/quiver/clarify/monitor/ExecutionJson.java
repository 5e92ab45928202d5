package io.quiver.clarify.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.error.CorruptFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a window's {@code execution.json} (docs/format/monitoring-results.md, version
 * 0). Stateless.
 */
final class ExecutionJson {
  static final int VERSION = 0;

  private ExecutionJson() {}

  static ObjectNode toTree(String name, MonitorType type, WindowResult r, int evaluations) {
    ObjectNode root = MonitorFiles.MAPPER.createObjectNode();
    root.put("version", VERSION);
    root.put("monitor", name);
    root.put("monitoring_type", type.sageMakerName());
    root.put("window_start", r.window().start().toString());
    root.put("window_end", r.window().end().toString());
    root.put("evaluated_at", r.evaluatedAt().toString());
    root.put("evaluations", evaluations);
    root.put("status", r.status());
    if (r.failureReason() != null) {
      root.put("failure_reason", r.failureReason());
    }
    root.put("rows", r.rows());
    root.put("labelled_rows", r.labelledRows());
    ArrayNode metrics = root.putArray("metrics");
    for (MetricPoint p : r.metrics()) {
      ObjectNode m = metrics.addObject().put("metric", p.metric()).put("subject", p.subject());
      number(m, "value", p.value());
      number(m, "lower", p.lower());
      number(m, "upper", p.upper());
    }
    ArrayNode violations = root.putArray("violations");
    for (MonitorViolation v : r.violations()) {
      violations
          .addObject()
          .put("subject", v.subject())
          .put("metric", v.metric())
          .put("constraint_check_type", v.checkType())
          .put("description", v.description());
    }
    return root;
  }

  static MonitorResults.Execution fromTree(JsonNode root, Path folder) {
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new CorruptFileException(
          "Cannot read "
              + folder.resolve(MonitorFiles.EXECUTION)
              + ": version "
              + root.path("version")
              + " (expected: "
              + VERSION
              + ")",
          new IllegalArgumentException("version"));
    }
    List<MetricPoint> metrics = new ArrayList<>();
    for (JsonNode m : root.path("metrics")) {
      metrics.add(
          new MetricPoint(
              text(m, "metric"),
              text(m, "subject"),
              number(m.path("value")),
              number(m.path("lower")),
              number(m.path("upper"))));
    }
    List<MonitorViolation> violations = new ArrayList<>();
    for (JsonNode v : root.path("violations")) {
      violations.add(
          new MonitorViolation(
              text(v, "subject"),
              text(v, "metric"),
              text(v, "constraint_check_type"),
              text(v, "description")));
    }
    WindowResult result =
        new WindowResult(
            new MonitoringWindow(
                Instant.parse(text(root, "window_start")), Instant.parse(text(root, "window_end"))),
            Instant.parse(text(root, "evaluated_at")),
            text(root, "status"),
            root.hasNonNull("failure_reason") ? root.get("failure_reason").asText() : null,
            root.path("rows").asLong(),
            root.path("labelled_rows").asLong(),
            metrics,
            violations);
    return new MonitorResults.Execution(
        text(root, "monitor"),
        MonitorType.ofSageMakerName(text(root, "monitoring_type")),
        result,
        root.path("evaluations").asInt(1),
        folder);
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isInfinite(value)) {
      node.put(field, value > 0 ? "Infinity" : "-Infinity");
    } else {
      node.put(field, value);
    }
  }

  private static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    return switch (node.asText()) {
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> throw new IllegalArgumentException("not a number: " + node);
    };
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing text field " + field);
    }
    return v.asText();
  }
}
