package io.quiver.clarify.bias.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.clarify.bias.BiasAnalysis;
import io.quiver.clarify.bias.FacetBias;
import io.quiver.clarify.bias.MetricResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a {@link BiasAnalysis} in the shape of SageMaker Clarify's {@code analysis.json}:
 *
 * <pre>{@code
 * {"version": "1.0",
 *  "pre_training_bias_metrics": {"label": "y", "label_value_or_threshold": "1",
 *    "facets": {"sex": [{"value_or_threshold": "F",
 *                        "metrics": [{"name": "CI", "description": "...", "value": 0.2}, ...]}]}},
 *  "post_training_bias_metrics": {...}}
 * }</pre>
 *
 * Metrics are sorted by name; infinite values are the strings {@code "Infinity"} and {@code
 * "-Infinity"}; an undefined metric carries {@code "error"} instead of {@code "value"}; the post-
 * training section is present only when predictions were analysed. Stateless and thread-safe.
 */
public final class AnalysisJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AnalysisJson() {}

  /** The analysis as a JSON tree. */
  public static ObjectNode toTree(BiasAnalysis analysis) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", "1.0");
    root.set("pre_training_bias_metrics", section(analysis, FacetBias::preTraining));
    if (analysis.hasPostTraining()) {
      root.set("post_training_bias_metrics", section(analysis, FacetBias::postTraining));
    }
    return root;
  }

  /** The analysis as indented JSON text. */
  public static String toJson(BiasAnalysis analysis) {
    try {
      return MAPPER.writeValueAsString(toTree(analysis));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the analysis as JSON", e);
    }
  }

  /**
   * Writes the analysis as indented JSON; leaves the stream open.
   *
   * @throws UncheckedIOException if the stream fails
   */
  public static void write(BiasAnalysis analysis, OutputStream out) {
    try {
      MAPPER
          .writer()
          .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .writeValue(out, toTree(analysis));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the analysis as JSON", e);
    }
  }

  private static ObjectNode section(
      BiasAnalysis analysis, Function<FacetBias, List<MetricResult>> metrics) {
    ObjectNode section = MAPPER.createObjectNode();
    section.put("label", analysis.config().columns().label());
    section.put("label_value_or_threshold", analysis.labelValueOrThreshold());
    ArrayNode entries = section.putObject("facets").putArray(analysis.config().columns().facet());
    for (FacetBias facet : analysis.facets()) {
      ObjectNode entry = entries.addObject();
      entry.put("value_or_threshold", facet.valueOrThreshold());
      ArrayNode list = entry.putArray("metrics");
      for (MetricResult result : metrics.apply(facet)) {
        ObjectNode metric = list.addObject();
        metric.put("name", result.metric().name());
        metric.put("description", result.metric().description());
        if (!result.hasValue()) {
          metric.put("error", result.error());
        } else if (Double.isInfinite(result.value())) {
          metric.put("value", result.value() > 0 ? "Infinity" : "-Infinity");
        } else {
          metric.put("value", result.value());
        }
      }
    }
    return section;
  }
}
