package io.quiver.clarify.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.OptionalDouble;

/** How a Clarify {@code analysis.json} is laid out, for reading it back. Stateless. */
final class AnalysisSections {
  static final String PRE = "pre_training_bias_metrics";
  static final String POST = "post_training_bias_metrics";
  static final List<String> NAMES = List.of(PRE, POST);

  private AnalysisSections() {}

  /** A metric entry's value: a number, or the strings {@code Infinity} and {@code -Infinity}. */
  static OptionalDouble value(JsonNode metric) {
    JsonNode v = metric.get("value");
    if (v == null || v.isNull()) {
      return OptionalDouble.empty();
    }
    if (v.isNumber()) {
      return OptionalDouble.of(v.asDouble());
    }
    return switch (v.asText()) {
      case "Infinity" -> OptionalDouble.of(Double.POSITIVE_INFINITY);
      case "-Infinity" -> OptionalDouble.of(Double.NEGATIVE_INFINITY);
      default -> OptionalDouble.empty();
    };
  }
}
