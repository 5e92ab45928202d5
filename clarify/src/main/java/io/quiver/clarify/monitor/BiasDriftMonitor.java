package io.quiver.clarify.monitor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.clarify.bias.BiasAnalysis;
import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.Metric;
import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.storage.error.ValidationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map.Entry;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Clarify's bias metrics per window, checked against a baseline analysis (Model Monitor's bias
 * drift). The window's inference records are joined with the ground truth that has arrived: with
 * labels, the pre- and post-training metrics of those records, as {@code quiver bias
 * --predicted-label} computes them; with none yet, the pre-training metrics of the predictions (the
 * prediction read as the label), so that a shift in what the model decides shows before the labels
 * come. Writes {@code analysis.json} and {@code constraint_violations.json}.
 *
 * @param config the bias configuration; its predicted-label column is the model's prediction or
 *     score (with its selector, for example {@code above(0.5)} for scores)
 * @param data the inference records and ground truth; the label column is read from the ground
 *     truth
 * @param baseline the constraints
 * @param metrics the metrics checked (short names); empty checks every metric the baseline has
 * @param tolerance how much further from neutral than the baseline a value may lie, {@code >= 0}
 */
public record BiasDriftMonitor(
    BiasConfig config,
    CapturedData data,
    BiasBaseline baseline,
    Set<String> metrics,
    double tolerance)
    implements Monitor {
  /** The check type Model Monitor reports. */
  public static final String CHECK_TYPE = "bias_drift_check";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks the parts. */
  public BiasDriftMonitor {
    requireNonNull(config, "config");
    requireNonNull(data, "data");
    requireNonNull(baseline, "baseline");
    metrics = Set.copyOf(metrics);
    if (config.columns().predictedLabel() == null) {
      throw new IllegalArgumentException(
          "config: no predicted-label column (expected: the column of the model's predictions)");
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance: " + tolerance + " (expected: >= 0)");
    }
    for (String metric : metrics) {
      try {
        Metric.valueOf(metric);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "metrics: unknown metric '" + metric + "' (expected: CI, DPL, ..., DPPL, DI, ...)");
      }
    }
  }

  @Override
  public MonitorType type() {
    return MonitorType.MODEL_BIAS;
  }

  WindowResult run(WindowReader reader, MonitoringWindow window, Instant asOf, Path directory) {
    boolean hasLabels =
        data instanceof CapturedData.FeatureGroups groups
            ? groups.labels() != null
            : ((CapturedData.CaptureFiles) data).groundTruth() != null;
    WindowReader.WindowCounts counts =
        reader.counts(window, asOf, hasLabels ? config.columns().label() : null);
    if (counts.rows() == 0) {
      return WindowResult.failed(window, asOf, 0, "No inference records in the window");
    }
    boolean labelled = counts.labelled() > 0;
    BiasAnalysis analysis = null;
    if (labelled) {
      try {
        analysis = analyze(reader, window, asOf, config, true);
      } catch (ValidationException e) {
        // too few labels yet (one group has none): measure the predictions until more arrive
        labelled = false;
      }
    }
    if (analysis == null) {
      try {
        analysis = analyze(reader, window, asOf, predictionsAsLabels(config), false);
      } catch (ValidationException e) {
        return WindowResult.failed(window, asOf, counts.rows(), e.getMessage());
      }
    }
    ObjectNode tree = AnalysisJson.toTree(analysis);
    List<MetricPoint> points = new ArrayList<>();
    List<MonitorViolation> violations = new ArrayList<>();
    check(tree, points, violations);
    MonitorFiles.write(directory.resolve(MonitorFiles.ANALYSIS), tree);
    MonitorFiles.write(directory.resolve(MonitorFiles.VIOLATIONS), violationsJson(violations));
    return WindowResult.completed(
        window, asOf, counts.rows(), labelled ? counts.labelled() : 0, points, violations);
  }

  private static BiasAnalysis analyze(
      WindowReader reader,
      MonitoringWindow window,
      Instant asOf,
      BiasConfig used,
      boolean labelled) {
    try (BiasRowSource rows = reader.biasRows(window, asOf, used.columns(), labelled)) {
      return BiasAnalyzer.analyze(used, rows);
    }
  }

  /** The configuration that reads the prediction as the label: pre-training metrics only. */
  static BiasConfig predictionsAsLabels(BiasConfig config) {
    BiasColumns c = config.columns();
    return new BiasConfig(
        new BiasColumns(c.facet(), requireNonNull(c.predictedLabel()), null, c.groupVariable()),
        config.predictedLabel(),
        config.facet(),
        config.predictedLabel(),
        config.labelSupport(),
        config.maxDistinctValues(),
        config.missing());
  }

  private void check(ObjectNode tree, List<MetricPoint> points, List<MonitorViolation> out) {
    for (String section : AnalysisSections.NAMES) {
      for (Entry<String, JsonNode> facet : tree.path(section).path("facets").properties()) {
        for (JsonNode entry : facet.getValue()) {
          String facetValue = entry.path("value_or_threshold").asText();
          String subject = facet.getKey() + "=" + facetValue;
          for (JsonNode metric : entry.path("metrics")) {
            String name = metric.path("name").asText();
            OptionalDouble value = AnalysisSections.value(metric);
            OptionalDouble base = baseline.value(section, subject, name);
            if ((!metrics.isEmpty() && !metrics.contains(name))
                || value.isEmpty()
                || base.isEmpty()) {
              continue;
            }
            double neutral = Metric.valueOf(name).neutral();
            double bound = Math.abs(base.getAsDouble() - neutral) + tolerance;
            MetricPoint point =
                new MetricPoint(
                    name, subject, value.getAsDouble(), neutral - bound, neutral + bound);
            points.add(point);
            if (point.violated()) {
              out.add(
                  new MonitorViolation(
                      subject,
                      name,
                      CHECK_TYPE,
                      String.format(
                          Locale.ROOT,
                          "Value %s does not meet the constraint requirement (baseline %s,"
                              + " tolerance %s: allowed from %s to %s)",
                          value.getAsDouble(),
                          base.getAsDouble(),
                          tolerance,
                          point.lower(),
                          point.upper())));
            }
          }
        }
      }
    }
  }

  private static ObjectNode violationsJson(List<MonitorViolation> violations) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", "1.0");
    ArrayNode array = root.putArray("violations");
    for (MonitorViolation v : violations) {
      int eq = v.subject().indexOf('=');
      array
          .addObject()
          .put("facet", v.subject().substring(0, eq))
          .put("facet_value", v.subject().substring(eq + 1))
          .put("metric_name", v.metric())
          .put("constraint_check_type", v.checkType())
          .put("description", v.description());
    }
    return root;
  }
}
