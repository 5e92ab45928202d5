package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.pipelines.registry.ModelRegistry;
import io.quiver.storage.error.QuiverException;
import io.quiver.wrangler.analyze.baseline.Baseline;
import io.quiver.wrangler.analyze.baseline.BaselineConstraints;
import io.quiver.wrangler.analyze.baseline.BaselineStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * QualityCheck steps (DATA_QUALITY): run Model Monitor's data-quality analysis ({@link
 * DataQualityProcessor}) as the step's processing job, writing {@code statistics.json} and {@code
 * constraints.json} to output {@code quality_check_output}; then, unless {@code SkipCheck}, check
 * the data against the baseline ({@code SuppliedBaselineConstraints} and {@code
 * SuppliedBaselineStatistics}, else the {@code DriftCheckBaselines.ModelDataQuality} of the latest
 * Approved package of {@code ModelPackageGroupName}): data types, completeness, non-negativity,
 * category domains and distribution drift, as Model Monitor checks them. A violation fails the step
 * and leaves {@code constraint_violations.json} next to the calculated files. {@code
 * RegisterNewBaseline} decides which baseline the step exposes for registration. Thread-safe.
 */
public final class QualityCheckStepRunner implements StepRunner {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ProcessingStepRunner processing;
  private final ModelRegistry registry;

  /** Checks against baselines in {@code registry}. */
  public QualityCheckStepRunner(ModelRegistry registry) {
    this.processing = new ProcessingStepRunner(Map.of());
    this.registry = registry;
  }

  /** Where a baseline's two files are; either may be absent. */
  private record BaselineUris(@Nullable String statistics, @Nullable String constraints) {}

  @Override
  public StepOutcome run(StepRun run) throws InterruptedException {
    JsonNode step = run.resolvedStep();
    String type = step.path("CheckType").asText();
    if (!"DATA_QUALITY".equals(type)) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "QualityCheck " + type + " is not supported locally (DATA_QUALITY is)");
    }
    String result = outputUri(run.arguments());
    boolean skip = step.path("SkipCheck").asBoolean(false);
    boolean registerNew = step.path("RegisterNewBaseline").asBoolean(false);
    String group = text(step, "ModelPackageGroupName");
    BaselineUris previous = previous(step, group);
    Baseline reference = null;
    if (!skip) {
      if (previous.constraints() == null) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            "QualityCheck needs a baseline to check against: give SuppliedBaselineConstraints,"
                + " or ModelPackageGroupName with an Approved model package whose"
                + " DriftCheckBaselines.ModelDataQuality has constraints"
                + (group.isEmpty() ? "" : " (group " + group + " has none)")
                + ", or set SkipCheck to calculate a first baseline");
      }
      reference = download(run, previous);
    }
    ProcessingStepRunner.runWith(processing, run, new DataQualityProcessor(reference));
    String statistics = result + "/" + Baseline.STATISTICS_FILE;
    String constraints = result + "/" + Baseline.CONSTRAINTS_FILE;
    String report = null;
    if (reference != null) {
      report = result + "/" + Baseline.VIOLATIONS_FILE;
      JsonNode violations = read(run, report, "violation report").path("violations");
      if (!violations.isEmpty()) {
        JsonNode first = violations.get(0);
        throw new StepFailedException(
            FailureType.JOB_INTERNAL_ERROR,
            "QualityCheck found "
                + violations.size()
                + " violation(s) against baseline "
                + previous.constraints()
                + ", first: "
                + first.path("feature_name").asText()
                + " "
                + first.path("constraint_check_type").asText()
                + ": "
                + first.path("description").asText()
                + " (report: "
                + report
                + ")");
      }
    }
    String usedStatistics =
        registerNew || previous.statistics() == null ? statistics : previous.statistics();
    String usedConstraints =
        registerNew || previous.constraints() == null ? constraints : previous.constraints();
    ObjectNode props = MAPPER.createObjectNode();
    props.put("CalculatedBaselineStatistics", statistics);
    props.put("CalculatedBaselineConstraints", constraints);
    props.put("BaselineUsedForDriftCheckStatistics", usedStatistics);
    props.put("BaselineUsedForDriftCheckConstraints", usedConstraints);
    ObjectNode metadata = MAPPER.createObjectNode();
    ObjectNode entry = metadata.putObject("QualityCheck");
    entry.put("CheckType", type);
    entry.put("BaselineUsedForDriftCheckStatistics", usedStatistics);
    entry.put("BaselineUsedForDriftCheckConstraints", usedConstraints);
    entry.put("CalculatedBaselineStatistics", statistics);
    entry.put("CalculatedBaselineConstraints", constraints);
    if (!group.isEmpty()) {
      entry.put("ModelPackageGroupName", group);
    }
    if (report != null) {
      entry.put("ViolationReport", report);
    }
    entry.put("CheckJobArn", run.jobArn("processing-job"));
    entry.put("SkipCheck", skip);
    entry.put("RegisterNewBaseline", registerNew);
    return new StepOutcome(props, metadata);
  }

  /** The supplied baseline, else the latest Approved package's. */
  private BaselineUris previous(JsonNode step, String group) {
    String statistics = text(step, "SuppliedBaselineStatistics");
    String constraints = text(step, "SuppliedBaselineConstraints");
    if (!statistics.isEmpty() || !constraints.isEmpty()) {
      return new BaselineUris(
          statistics.isEmpty() ? null : statistics, constraints.isEmpty() ? null : constraints);
    }
    if (group.isEmpty() || !registry.hasModelPackageGroup(group)) {
      return new BaselineUris(null, null);
    }
    return registry
        .latestApproved(group)
        .map(
            p ->
                new BaselineUris(
                    nonEmpty(p.at("/DriftCheckBaselines/ModelDataQuality/Statistics/S3Uri")),
                    nonEmpty(p.at("/DriftCheckBaselines/ModelDataQuality/Constraints/S3Uri"))))
        .orElse(new BaselineUris(null, null));
  }

  /** Reads the baseline's files; without statistics, distributions are not compared. */
  private static Baseline download(StepRun run, BaselineUris uris) {
    Path folder = JobSupport.createFolder(run.workDir().resolve("baseline"));
    try {
      String constraintsUri = java.util.Objects.requireNonNull(uris.constraints());
      Files.write(
          folder.resolve(Baseline.CONSTRAINTS_FILE), fetch(run, constraintsUri, "constraints"));
      BaselineConstraints constraints =
          BaselineConstraints.read(folder.resolve(Baseline.CONSTRAINTS_FILE));
      BaselineStatistics statistics = new BaselineStatistics(0, List.of());
      String statisticsUri = uris.statistics();
      if (statisticsUri != null) {
        Files.write(
            folder.resolve(Baseline.STATISTICS_FILE), fetch(run, statisticsUri, "statistics"));
        statistics = BaselineStatistics.read(folder.resolve(Baseline.STATISTICS_FILE));
      }
      return new Baseline(statistics, constraints);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the baseline under " + folder, e);
    } catch (QuiverException e) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR, "The baseline is not usable: " + e.getMessage());
    }
  }

  private static byte[] fetch(StepRun run, String uri, String what) {
    try {
      return run.objects().read(uri);
    } catch (RuntimeException e) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Cannot read the baseline " + what + " " + uri + ": " + e.getMessage());
    }
  }

  private static JsonNode read(StepRun run, String uri, String what) {
    try {
      return MAPPER.readTree(run.objects().read(uri));
    } catch (IOException | RuntimeException e) {
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR,
          "Cannot read the " + what + " " + uri + ": " + e.getMessage());
    }
  }

  private static String outputUri(JsonNode args) {
    JsonNode outputs = args.at("/ProcessingOutputConfig/Outputs");
    for (JsonNode o : outputs) {
      if (DataQualityProcessor.RESULT_OUTPUT.equals(o.path("OutputName").asText())) {
        return o.at("/S3Output/S3Uri").asText().replaceAll("/+$", "");
      }
    }
    if (outputs.size() == 1) {
      return outputs.get(0).at("/S3Output/S3Uri").asText().replaceAll("/+$", "");
    }
    throw new StepFailedException(
        FailureType.CLIENT_ERROR,
        "QualityCheck needs a processing output named '"
            + DataQualityProcessor.RESULT_OUTPUT
            + "'");
  }

  private static String text(JsonNode step, String field) {
    JsonNode value = step.path(field);
    return value.isTextual() ? value.asText() : "";
  }

  private static @Nullable String nonEmpty(JsonNode value) {
    return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }
}
