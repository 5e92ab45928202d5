package io.quiver.clarify.monitor.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.ValueSelector;
import io.quiver.clarify.monitor.BiasBaseline;
import io.quiver.clarify.monitor.BiasDriftMonitor;
import io.quiver.clarify.monitor.CapturedData;
import io.quiver.clarify.monitor.DataQualityMonitor;
import io.quiver.clarify.monitor.Monitor;
import io.quiver.clarify.monitor.MonitorType;
import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.analyze.baseline.Baseline;
import io.quiver.wrangler.analyze.baseline.BaselineConstraints;
import io.quiver.wrangler.analyze.baseline.BaselineStatistics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a SageMaker job definition (the {@code Create*JobDefinition} request) into a monitor. The
 * mapping, in {@code docs/monitoring.md}: {@code EndpointInput.EndpointName} names the feature
 * group of inference records (Quiver has no endpoints); {@code BatchTransformInput
 * .DataCapturedDestinationS3Uri} a folder of data-capture files; {@code GroundTruthS3Input.S3Uri} a
 * ground-truth folder or {@code quiver://feature-group/NAME}; baselines and the Clarify analysis
 * config ({@code ConfigUri}) are local files ({@code file://} or a path). Stateless.
 */
public final class JobDefinitions {
  /** The URI prefix that names a feature group where SageMaker expects an S3 URI. */
  public static final String FEATURE_GROUP_URI = "quiver://feature-group/";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JobDefinitions() {}

  /**
   * The monitor a job definition describes.
   *
   * @throws ValidationException if a member is missing or names a file that cannot be read
   */
  public static Monitor monitor(MonitorType type, JsonNode definition) {
    String prefix = type.sageMakerName();
    JsonNode input = definition.path(prefix + "JobInput");
    JsonNode baseline = definition.path(prefix + "BaselineConfig");
    if (type == MonitorType.DATA_QUALITY) {
      CapturedData data = data(input, List.of(), "prediction");
      return new DataQualityMonitor(
          data,
          new Baseline(
              BaselineStatistics.read(
                  path(required(baseline, "StatisticsResource.S3Uri", prefix + "BaselineConfig"))),
              BaselineConstraints.read(
                  path(
                      required(
                          baseline, "ConstraintsResource.S3Uri", prefix + "BaselineConfig")))));
    }
    JsonNode config =
        readJson(path(required(definition, "ModelBiasAppSpecification.ConfigUri", "")));
    JsonNode endpoint =
        input.has("EndpointInput")
            ? input.path("EndpointInput")
            : input.path("BatchTransformInput");
    String inference = text(endpoint, "InferenceAttribute");
    String probability = text(endpoint, "ProbabilityAttribute");
    String prediction = inference != null ? inference : probability;
    if (prediction == null) {
      throw new ValidationException(
          "Cannot define a model bias job: its input names neither InferenceAttribute nor"
              + " ProbabilityAttribute (the column of the model's predictions)");
    }
    List<String> headers = new ArrayList<>();
    config.path("headers").forEach(h -> headers.add(h.asText()));
    CapturedData data = data(input, headers, prediction);
    BiasConfig.Builder builder = BiasConfig.builder();
    String label = text(config, "label");
    if (label == null) {
      throw new ValidationException("Cannot read the analysis config: it has no label");
    }
    ValueSelector positive = selector(config.path("label_values_or_threshold"), "label");
    builder.label(label, positive);
    JsonNode facet = config.path("facet").path(0);
    String facetName = text(facet, "name_or_index");
    if (facetName == null) {
      throw new ValidationException(
          "Cannot read the analysis config: it has no facet[0].name_or_index");
    }
    if (facet.has("value_or_threshold")) {
      builder.facet(facetName, selector(facet.path("value_or_threshold"), "facet"));
    } else {
      builder.facet(facetName);
    }
    String groupVariable = text(config, "group_variable");
    if (groupVariable != null) {
      builder.groupVariable(groupVariable);
    }
    if (inference != null) {
      builder.predictedLabel(inference, positive);
    } else if (probability != null) {
      String threshold = text(endpoint, "ProbabilityThresholdAttribute");
      double t =
          threshold != null
              ? probabilityThreshold(threshold)
              : config.path("probability_threshold").asDouble(0.5);
      builder.predictedLabel(probability, ValueSelector.above(t));
    }
    Set<String> metrics = new HashSet<>();
    for (String stage : List.of("pre_training_bias", "post_training_bias")) {
      JsonNode methods = config.path("methods").path(stage).path("methods");
      if (methods.isArray()) {
        methods.forEach(m -> metrics.add(m.asText()));
      }
    }
    double tolerance = config.path("bias_drift_tolerance").asDouble(0);
    try {
      return new BiasDriftMonitor(
          builder.build(),
          data,
          BiasBaseline.read(
              path(required(baseline, "ConstraintsResource.S3Uri", "ModelBiasBaselineConfig"))),
          metrics,
          tolerance);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("Cannot read the analysis config: " + e.getMessage());
    }
  }

  private static CapturedData data(JsonNode input, List<String> headers, String prediction) {
    String groundTruth = text(input.path("GroundTruthS3Input"), "S3Uri");
    if (input.has("EndpointInput")) {
      String group = text(input.path("EndpointInput"), "EndpointName");
      if (group == null) {
        throw new ValidationException(
            "Cannot define a monitoring job: EndpointInput.EndpointName is missing (the feature"
                + " group of inference records)");
      }
      String labels = null;
      if (groundTruth != null) {
        if (!groundTruth.startsWith(FEATURE_GROUP_URI)) {
          throw new ValidationException(
              "Cannot read ground truth from "
                  + groundTruth
                  + " for feature group inputs (expected: "
                  + FEATURE_GROUP_URI
                  + "NAME)");
        }
        labels = groundTruth.substring(FEATURE_GROUP_URI.length());
      }
      return new CapturedData.FeatureGroups(group, labels);
    }
    String captures = text(input.path("BatchTransformInput"), "DataCapturedDestinationS3Uri");
    if (captures == null) {
      throw new ValidationException(
          "Cannot define a monitoring job: its input has neither EndpointInput.EndpointName nor"
              + " BatchTransformInput.DataCapturedDestinationS3Uri");
    }
    return new CapturedData.CaptureFiles(
        path(captures), groundTruth == null ? null : path(groundTruth), headers, prediction);
  }

  private static ValueSelector selector(JsonNode node, String what) {
    if (node.isNumber()) {
      return ValueSelector.above(node.asDouble());
    }
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> values.add(v.asText()));
    } else if (node.isTextual()) {
      values.add(node.asText());
    }
    if (values.isEmpty()) {
      throw new ValidationException(
          "Cannot read the analysis config: "
              + what
              + " values are missing (expected: a list of values or a threshold)");
    }
    return ValueSelector.anyOf(values);
  }

  /** A local path from {@code file://...} or a plain path. */
  static Path path(String uri) {
    if (uri.startsWith("file:")) {
      return Path.of(URI.create(uri));
    }
    if (uri.contains("://")) {
      throw new ValidationException(
          "Cannot read " + uri + ": monitors read local files (expected: file:///... or a path)");
    }
    return Path.of(uri);
  }

  private static JsonNode readJson(Path file) {
    try {
      return MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ValidationException(
          "Cannot read the analysis config " + file + ": " + e.getMessage());
    }
  }

  private static String required(JsonNode node, String dotted, String parent) {
    JsonNode at = node;
    for (String part : dotted.split("\\.")) {
      at = at.path(part);
    }
    if (!at.isTextual() || at.asText().isBlank()) {
      throw new ValidationException(
          "Cannot define a monitoring job: "
              + (parent.isEmpty() ? "" : parent + ".")
              + dotted
              + " is missing");
    }
    return at.asText();
  }

  private static @Nullable String text(JsonNode node, String member) {
    JsonNode v = node.get(member);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  /** The endpoint's {@code ProbabilityThresholdAttribute}: a probability, 0 to 1. */
  private static double probabilityThreshold(String text) {
    double value;
    try {
      value = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!(value >= 0 && value <= 1)) {
      throw new ValidationException(
          "Cannot read the job definition: ProbabilityThresholdAttribute is '"
              + text
              + "' (expected: a number from 0 to 1)");
    }
    return value;
  }
}
