package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.pipelines.registry.ModelRegistry;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * ClarifyCheck steps (DATA_BIAS): run Clarify's bias analysis as the step's processing job, then,
 * unless {@code SkipCheck}, compare it with the baseline ({@code SuppliedBaselineConstraints}, else
 * the latest Approved package of {@code ModelPackageGroupName}; without either the step fails, as
 * SageMaker's does): a metric violates when its absolute value exceeds the baseline's for the same
 * facet value. {@code RegisterNewBaseline} decides which constraints the step exposes for
 * registration. Thread-safe.
 */
public final class ClarifyCheckStepRunner implements StepRunner {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ProcessingStepRunner processing;
  private final ModelRegistry registry;

  /** Checks against baselines in {@code registry}. */
  public ClarifyCheckStepRunner(ModelRegistry registry) {
    this.processing = new ProcessingStepRunner(Map.of());
    this.registry = registry;
  }

  @Override
  public StepOutcome run(StepRun run) throws InterruptedException {
    JsonNode step = run.resolvedStep();
    String type = step.path("CheckType").asText();
    if (!"DATA_BIAS".equals(type)) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "ClarifyCheck " + type + " is not supported locally (DATA_BIAS is)");
    }
    String result = outputUri(run.arguments(), "analysis_result");
    ProcessingStepRunner.runWith(processing, run, new BiasProcessor());
    String calculated = result + "/analysis.json";
    boolean skip = step.path("SkipCheck").asBoolean(false);
    boolean registerNew = step.path("RegisterNewBaseline").asBoolean(false);
    String group = step.path("ModelPackageGroupName").asText("");
    Optional<String> baseline = baseline(step, group);
    if (!skip && baseline.isEmpty()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "ClarifyCheck needs a baseline to check against: give SuppliedBaselineConstraints, or"
              + " ModelPackageGroupName with an Approved model package whose"
              + " DriftCheckBaselines.Bias.PreTrainingConstraints is set"
              + (group.isEmpty() ? "" : " (group " + group + " has none)")
              + ", or set SkipCheck to calculate a first baseline");
    }
    String violations = null;
    if (!skip && baseline.isPresent()) {
      ArrayNode found = compare(read(run, calculated), read(run, baseline.get()));
      if (!found.isEmpty()) {
        violations = result + "/constraint_violations.json";
        ObjectNode report = MAPPER.createObjectNode();
        report.set("violations", found);
        try {
          run.objects()
              .write(violations, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
          throw new IllegalStateException("Cannot encode the violation report", e);
        }
        throw new StepFailedException(
            FailureType.JOB_INTERNAL_ERROR,
            "ClarifyCheck found "
                + found.size()
                + " violation(s) against baseline "
                + baseline.get()
                + ", first: "
                + found.get(0).path("description").asText()
                + " (report: "
                + violations
                + ")");
      }
    }
    String used = registerNew || baseline.isEmpty() ? calculated : baseline.get();
    ObjectNode props = MAPPER.createObjectNode();
    props.put("CalculatedBaselineConstraints", calculated);
    props.put("BaselineUsedForDriftCheckConstraints", used);
    ObjectNode metadata = MAPPER.createObjectNode();
    ObjectNode entry = metadata.putObject("ClarifyCheck");
    entry.put("CheckType", type);
    entry.put("BaselineUsedForDriftCheckConstraints", used);
    entry.put("CalculatedBaselineConstraints", calculated);
    if (!group.isEmpty()) {
      entry.put("ModelPackageGroupName", group);
    }
    entry.put("CheckJobArn", run.jobArn("processing-job"));
    entry.put("SkipCheck", skip);
    entry.put("RegisterNewBaseline", registerNew);
    return new StepOutcome(props, metadata);
  }

  private Optional<String> baseline(JsonNode step, String group) {
    String supplied = step.path("SuppliedBaselineConstraints").asText("");
    if (!supplied.isEmpty()) {
      return Optional.of(supplied);
    }
    if (group.isEmpty() || !registry.hasModelPackageGroup(group)) {
      return Optional.empty();
    }
    return registry
        .latestApproved(group)
        .map(p -> p.at("/DriftCheckBaselines/Bias/PreTrainingConstraints/S3Uri").asText(""))
        .filter(s -> !s.isEmpty());
  }

  private static String outputUri(JsonNode args, String name) {
    for (JsonNode o : args.at("/ProcessingOutputConfig/Outputs")) {
      if (name.equals(o.path("OutputName").asText())) {
        return o.at("/S3Output/S3Uri").asText().replaceAll("/+$", "");
      }
    }
    throw new StepFailedException(
        FailureType.CLIENT_ERROR, "ClarifyCheck needs a processing output named '" + name + "'");
  }

  private static JsonNode read(StepRun run, String uri) {
    try {
      return MAPPER.readTree(run.objects().read(uri));
    } catch (IOException | RuntimeException e) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Cannot read the bias constraints " + uri + ": " + e.getMessage());
    }
  }

  /** Metrics of {@code current} whose absolute value exceeds the baseline's. */
  static ArrayNode compare(JsonNode current, JsonNode baseline) {
    ArrayNode out = MAPPER.createArrayNode();
    for (String section :
        new String[] {"pre_training_bias_metrics", "post_training_bias_metrics"}) {
      JsonNode facets = current.path(section).path("facets");
      for (Iterator<Map.Entry<String, JsonNode>> it = facets.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> facet = it.next();
        for (JsonNode group : facet.getValue()) {
          String value = group.path("value_or_threshold").asText();
          JsonNode base = find(baseline.path(section).path("facets").path(facet.getKey()), value);
          for (JsonNode metric : group.path("metrics")) {
            JsonNode b =
                base == null
                    ? null
                    : find(base.path("metrics"), metric.path("name").asText(), "name");
            if (b == null || !metric.path("value").isNumber() || !b.path("value").isNumber()) {
              continue;
            }
            double now = metric.path("value").asDouble();
            double limit = b.path("value").asDouble();
            if (Math.abs(now) > Math.abs(limit)) {
              out.addObject()
                  .put("facet", facet.getKey())
                  .put("facet_value", value)
                  .put("metric_name", metric.path("name").asText())
                  .put("constraint_check_type", "bias_drift_check")
                  .put(
                      "description",
                      metric.path("name").asText()
                          + " of "
                          + facet.getKey()
                          + "="
                          + value
                          + " is "
                          + now
                          + ", beyond the baseline's "
                          + limit);
            }
          }
        }
      }
    }
    return out;
  }

  private static JsonNode find(JsonNode list, String value) {
    return find(list, value, "value_or_threshold");
  }

  private static JsonNode find(JsonNode list, String value, String member) {
    for (JsonNode n : list) {
      if (value.equals(n.path(member).asText())) {
        return n;
      }
    }
    return null;
  }
}
