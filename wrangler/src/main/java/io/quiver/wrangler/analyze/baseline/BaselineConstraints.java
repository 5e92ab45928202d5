package io.quiver.wrangler.analyze.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.ValueCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The contents of {@code constraints.json}: per feature the constraints a dataset must meet, and
 * the monitoring configuration.
 *
 * @param features one entry per column
 * @param config which checks run, and their thresholds
 */
public record BaselineConstraints(List<FeatureConstraint> features, MonitoringConfig config) {
  /** String features with at most this many distinct values get a domain. */
  static final int DOMAIN_LIMIT = 20;

  /** Copies the features. */
  public BaselineConstraints {
    features = List.copyOf(features);
  }

  /**
   * Constraints suggested from a profile, following Deequ's suggestion rules: every feature keeps
   * its type; a complete feature must stay complete, another must stay at least as complete as the
   * lower end of a 95% confidence interval of its completeness; a numerical feature without
   * negative values must stay non-negative; a String feature with few distinct values (at most
   * {@value #DOMAIN_LIMIT}, and at most a tenth of its values) must stay within them.
   */
  public static BaselineConstraints suggest(DatasetProfile profile) {
    List<FeatureConstraint> features = new ArrayList<>();
    for (ColumnProfile c : profile.columns()) {
      String type = InferredType.of(c.kind());
      double completeness = completenessLowerBound(c.present(), c.count());
      Boolean nonNegative =
          !type.equals(InferredType.STRING) && c.present() > 0 && c.min() >= 0
              ? Boolean.TRUE
              : null;
      List<String> domains = null;
      if (type.equals(InferredType.STRING)
          && c.frequenciesExact()
          && c.present() > 0
          && c.distinct().rounded() <= DOMAIN_LIMIT
          && c.distinct().rounded() <= Math.max(2, c.present() / 10)) {
        domains = c.mostFrequent().stream().map(ValueCount::value).sorted().toList();
      }
      features.add(new FeatureConstraint(c.name(), type, completeness, nonNegative, domains));
    }
    return new BaselineConstraints(features, MonitoringConfig.defaults());
  }

  /** 1 if complete, else the Wald 95% lower bound of the share present, rounded down. */
  private static double completenessLowerBound(long present, long count) {
    if (count == 0 || present == count) {
      return 1.0;
    }
    double p = (double) present / count;
    double bound = p - 1.96 * Math.sqrt(p * (1 - p) / count);
    return Math.max(0, Math.floor(bound * 10_000) / 10_000);
  }

  /** Writes {@code constraints.json} to {@code file}. */
  public void write(Path file) {
    ObjectNode root = BaselineJson.MAPPER.createObjectNode();
    root.put("version", 0);
    ArrayNode array = root.putArray("features");
    for (FeatureConstraint f : features) {
      ObjectNode node = array.addObject();
      node.put("name", f.name());
      node.put("inferred_type", f.inferredType());
      node.put("completeness", f.completeness());
      if (f.nonNegative() != null) {
        node.putObject("num_constraints").put("is_non_negative", f.nonNegative());
      }
      if (f.domains() != null) {
        ArrayNode domains = node.putObject("string_constraints").putArray("domains");
        f.domains().forEach(domains::add);
      }
    }
    ObjectNode config = root.putObject("monitoring_config");
    config.put("evaluate_constraints", enabled(this.config.evaluateConstraints()));
    config.put("emit_metrics", enabled(this.config.emitMetrics()));
    config.put("datatype_check_threshold", this.config.datatypeCheckThreshold());
    config.put("domain_content_threshold", this.config.domainContentThreshold());
    ObjectNode distribution = config.putObject("distribution_constraints");
    distribution.put("perform_comparison", enabled(this.config.performComparison()));
    distribution.put("comparison_threshold", this.config.comparisonThreshold());
    distribution.put("comparison_method", this.config.comparisonMethod());
    distribution.put(
        "categorical_comparison_threshold", this.config.categoricalComparisonThreshold());
    distribution.put("categorical_drift_method", this.config.categoricalDriftMethod());
    BaselineJson.write(root, file);
  }

  private static String enabled(boolean on) {
    return on ? "Enabled" : "Disabled";
  }

  /**
   * Reads {@code constraints.json} (Quiver's or SageMaker's); a missing setting takes SageMaker's
   * default.
   *
   * @throws ValidationException if the file is missing or not in the documented shape
   */
  public static BaselineConstraints read(Path file) {
    JsonNode root = BaselineJson.read(file);
    JsonNode features = root.get("features");
    if (features == null || !features.isArray()) {
      throw new ValidationException("Cannot read " + file + ": expected a features array");
    }
    List<FeatureConstraint> list = new ArrayList<>();
    for (JsonNode f : features) {
      JsonNode nonNegative = f.path("num_constraints").get("is_non_negative");
      JsonNode domains = f.path("string_constraints").get("domains");
      List<String> domainList = null;
      if (domains != null && domains.isArray()) {
        domainList = new ArrayList<>();
        for (JsonNode d : domains) {
          domainList.add(d.asText());
        }
      }
      double completeness = f.has("completeness") ? f.get("completeness").asDouble() : 0;
      try {
        list.add(
            new FeatureConstraint(
                BaselineJson.text(f, "name", file),
                BaselineJson.text(f, "inferred_type", file),
                completeness,
                nonNegative == null ? null : nonNegative.asBoolean(),
                domainList));
      } catch (IllegalArgumentException e) {
        throw new ValidationException("Cannot read " + file + ": " + e.getMessage());
      }
    }
    return new BaselineConstraints(list, readConfig(root.path("monitoring_config"), file));
  }

  private static MonitoringConfig readConfig(JsonNode node, Path file) {
    MonitoringConfig d = MonitoringConfig.defaults();
    JsonNode dist = node.path("distribution_constraints");
    try {
      return new MonitoringConfig(
          flag(node, "evaluate_constraints", d.evaluateConstraints()),
          flag(node, "emit_metrics", d.emitMetrics()),
          node.path("datatype_check_threshold").asDouble(d.datatypeCheckThreshold()),
          node.path("domain_content_threshold").asDouble(d.domainContentThreshold()),
          flag(dist, "perform_comparison", d.performComparison()),
          dist.path("comparison_threshold").asDouble(d.comparisonThreshold()),
          dist.path("comparison_method").asText(d.comparisonMethod()),
          dist.path("categorical_comparison_threshold")
              .asDouble(d.categoricalComparisonThreshold()),
          dist.path("categorical_drift_method").asText(d.categoricalDriftMethod()));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("Cannot read " + file + ": " + e.getMessage());
    }
  }

  private static boolean flag(JsonNode node, String field, boolean fallback) {
    JsonNode value = node.get(field);
    return value == null ? fallback : !value.asText().equalsIgnoreCase("Disabled");
  }

  /** The constraint of feature {@code name}, or null. */
  @Nullable FeatureConstraint feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }
}
