package io.quiver.pipelines.execution;

import static io.quiver.pipelines.execution.StepTypesTest.step;
import static io.quiver.pipelines.execution.StepTypesTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QualityCheck DATA_QUALITY steps as the SDK writes them: a first baseline registered with a model,
 * a drifted dataset failing against the latest Approved package's baseline, a supplied baseline,
 * and a check with no baseline at all.
 */
class QualityCheckStepTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  PipelineEngine engine;

  @BeforeEach
  void open() {
    engine = PipelineEngine.open(PipelineEngineConfig.builder(dir.resolve("pipelines")).build());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  String uri(String relative) {
    return dir.resolve(relative).toUri().toString().replaceAll("/$", "");
  }

  ExecutionSnapshot run(String name, String definition) throws Exception {
    engine.createPipeline(new PipelineSpec(name, null, null, null, definition, null, Map.of()));
    ExecutionSnapshot s = engine.startExecution(ExecutionStart.of(name, Map.of()));
    return engine.completion(s.header().executionArn()).get(120, TimeUnit.SECONDS);
  }

  /** A QualityCheck step in the SDK's shape (model monitor image, its environment and paths). */
  String check(String data, String out, String flags) {
    return "{\"Name\": \"DataQuality\", \"Type\": \"QualityCheck\", \"CheckType\": \"DATA_QUALITY\","
        + flags
        + ", \"Arguments\": {"
        + " \"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": 1, \"InstanceType\": \"ml.c5.xlarge\", \"VolumeSizeInGB\": 30}},"
        + " \"AppSpecification\": {\"ImageUri\": \"156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer\"},"
        + " \"RoleArn\": \"arn:aws:iam::123456789012:role/pipeline\","
        + " \"ProcessingInputs\": [{\"InputName\": \"baseline_dataset_input\", \"AppManaged\": false, \"S3Input\": {\"S3Uri\": "
        + text(uri(data))
        + ", \"LocalPath\": \"/opt/ml/processing/input/baseline_dataset_input\", \"S3DataType\": \"S3Prefix\","
        + " \"S3InputMode\": \"File\", \"S3DataDistributionType\": \"FullyReplicated\"}}],"
        + " \"ProcessingOutputConfig\": {\"Outputs\": [{\"OutputName\": \"quality_check_output\", \"AppManaged\": false,"
        + " \"S3Output\": {\"S3Uri\": "
        + text(uri(out))
        + ", \"LocalPath\": \"/opt/ml/processing/output\", \"S3UploadMode\": \"EndOfJob\"}}]},"
        + " \"Environment\": {\"dataset_format\": \"{\\\"csv\\\": {\\\"header\\\": true, \\\"output_columns_position\\\": \\\"START\\\"}}\","
        + " \"dataset_source\": \"/opt/ml/processing/input/baseline_dataset_input\","
        + " \"output_path\": \"/opt/ml/processing/output\", \"publish_cloudwatch_metrics\": \"Disabled\"}}}";
  }

  /** Ages 20..29 (mean 24.5), plans basic and plus five times each. */
  void baseData(String folder) throws Exception {
    StringBuilder csv = new StringBuilder("age,plan\n");
    for (int i = 0; i < 10; i++) {
      csv.append(20 + i).append(',').append(i % 2 == 0 ? "basic" : "plus").append('\n');
    }
    Files.createDirectories(dir.resolve(folder));
    Files.writeString(dir.resolve(folder + "/rows.csv"), csv);
  }

  @Test
  void aFirstBaselineIsRegisteredThenDriftedDataFailsAgainstTheApprovedPackage() throws Exception {
    baseData("data/base");
    String register =
        "{\"Name\": \"Register\", \"Type\": \"RegisterModel\", \"Arguments\": {\"ModelPackageGroupName\": \"churn\","
            + " \"ModelApprovalStatus\": \"Approved\", \"InferenceSpecification\": {\"Containers\": [{\"Image\": \"local\"}],"
            + " \"SupportedContentTypes\": [\"text/csv\"], \"SupportedResponseMIMETypes\": [\"text/csv\"]},"
            + " \"DriftCheckBaselines\": {\"ModelDataQuality\": {"
            + " \"Statistics\": {\"ContentType\": \"application/json\", \"S3Uri\": {\"Get\": \"Steps.DataQuality.BaselineUsedForDriftCheckStatistics\"}},"
            + " \"Constraints\": {\"ContentType\": \"application/json\", \"S3Uri\": {\"Get\": \"Steps.DataQuality.BaselineUsedForDriftCheckConstraints\"}}}}}}";
    ExecutionSnapshot first =
        run(
            "first",
            "{\"Version\": \"2020-12-01\", \"Steps\": ["
                + check(
                    "data/base",
                    "out/first",
                    " \"SkipCheck\": true, \"RegisterNewBaseline\": true,"
                        + " \"ModelPackageGroupName\": \"churn\", \"SuppliedBaselineStatistics\": null,"
                        + " \"SuppliedBaselineConstraints\": null")
                + ","
                + register
                + "]}");

    assertThat(first.status())
        .as(String.valueOf(first.steps()))
        .isEqualTo(ExecutionStatus.Succeeded);
    JsonNode props = step(first, "DataQuality").properties();
    String statistics = uri("out/first") + "/statistics.json";
    String constraints = uri("out/first") + "/constraints.json";
    assertThat(props.get("CalculatedBaselineStatistics").asText()).isEqualTo(statistics);
    assertThat(props.get("CalculatedBaselineConstraints").asText()).isEqualTo(constraints);
    assertThat(props.get("BaselineUsedForDriftCheckStatistics").asText()).isEqualTo(statistics);
    assertThat(props.get("BaselineUsedForDriftCheckConstraints").asText()).isEqualTo(constraints);
    JsonNode metadata = step(first, "DataQuality").metadata().get("QualityCheck");
    assertThat(metadata.get("CheckType").asText()).isEqualTo("DATA_QUALITY");
    assertThat(metadata.get("SkipCheck").asBoolean()).isTrue();
    assertThat(metadata.has("ViolationReport")).isFalse();
    JsonNode stats = JSON.readTree(dir.resolve("out/first/statistics.json").toFile());
    assertThat(stats.at("/dataset/item_count").asLong()).isEqualTo(10);
    JsonNode age = stats.at("/features/0");
    assertThat(age.get("name").asText()).isEqualTo("age");
    assertThat(age.get("inferred_type").asText()).isEqualTo("Integral");
    assertThat(age.at("/numerical_statistics/common/num_present").asLong()).isEqualTo(10);
    assertThat(age.at("/numerical_statistics/mean").asDouble()).isEqualTo(24.5);
    assertThat(age.at("/numerical_statistics/sum").asDouble()).isEqualTo(245.0);
    assertThat(age.at("/numerical_statistics/min").asDouble()).isEqualTo(20.0);
    assertThat(age.at("/numerical_statistics/max").asDouble()).isEqualTo(29.0);
    JsonNode suggested = JSON.readTree(dir.resolve("out/first/constraints.json").toFile());
    assertThat(suggested.at("/features/1/string_constraints/domains").toString())
        .isEqualTo("[\"basic\",\"plus\"]");
    assertThat(
            step(first, "Register")
                .properties()
                .at("/DriftCheckBaselines/ModelDataQuality/Constraints/S3Uri")
                .asText())
        .isEqualTo(constraints);

    // The same ages plus one row without one (10 of 11 present: 90.9%); plans basic 5, plus 4 and
    // 2 outside the domain (2/11 = 18.2% > 10%); shares move by at most 2/11 - 0 = 0.18 > 0.1.
    Files.createDirectories(dir.resolve("data/drifted"));
    StringBuilder csv = new StringBuilder("age,plan\n");
    String[] plans = {
      "basic", "plus", "basic", "plus", "basic", "plus", "basic", "plus", "basic", "enterprise"
    };
    for (int i = 0; i < 10; i++) {
      csv.append(20 + i).append(',').append(plans[i]).append('\n');
    }
    csv.append(",enterprise\n");
    Files.writeString(dir.resolve("data/drifted/rows.csv"), csv);
    ExecutionSnapshot drifted =
        run(
            "drifted",
            "{\"Version\": \"2020-12-01\", \"Steps\": ["
                + check(
                    "data/drifted",
                    "out/drifted",
                    " \"SkipCheck\": false, \"RegisterNewBaseline\": false, \"ModelPackageGroupName\": \"churn\"")
                + "]}");

    assertThat(drifted.status()).isEqualTo(ExecutionStatus.Failed);
    String report = uri("out/drifted") + "/constraint_violations.json";
    assertThat(step(drifted, "DataQuality").failureReason())
        .isEqualTo(
            "QualityCheck found 3 violation(s) against baseline "
                + constraints
                + ", first: age completeness_check: Data completeness requirement is not met."
                + " Expected completeness: 100.0%. Observed: Only 90.9% of data is present."
                + " (report: "
                + report
                + ")");
    JsonNode violations =
        JSON.readTree(dir.resolve("out/drifted/constraint_violations.json").toFile())
            .get("violations");
    List<String> found = new ArrayList<>();
    violations.forEach(
        v ->
            found.add(
                v.get("feature_name").asText() + " " + v.get("constraint_check_type").asText()));
    assertThat(found)
        .containsExactlyInAnyOrder(
            "age completeness_check", "plan categorical_values_check", "plan baseline_drift_check");
    assertThat(violations.toString())
        .contains("Observed: 18.2% outside")
        .contains("Categorical distance: 0.18181818181818");
    // The calculated baseline of the failed check is there to inspect.
    assertThat(dir.resolve("out/drifted/statistics.json")).exists();
  }

  @Test
  void aSuppliedBaselineIsUsedUnlessANewOneIsRegisteredAndNoBaselineFailsTheCheck()
      throws Exception {
    baseData("data/base");
    ExecutionSnapshot first =
        run(
            "first",
            "{\"Steps\": ["
                + check(
                    "data/base", "out/first", " \"SkipCheck\": true, \"RegisterNewBaseline\": true")
                + "]}");
    assertThat(first.status()).isEqualTo(ExecutionStatus.Succeeded);
    String statistics = uri("out/first") + "/statistics.json";
    String constraints = uri("out/first") + "/constraints.json";

    ExecutionSnapshot same =
        run(
            "same",
            "{\"Steps\": ["
                + check(
                    "data/base",
                    "out/same",
                    " \"SkipCheck\": false, \"RegisterNewBaseline\": false,"
                        + " \"SuppliedBaselineStatistics\": "
                        + text(statistics)
                        + ", \"SuppliedBaselineConstraints\": "
                        + text(constraints))
                + "]}");
    assertThat(same.status()).as(String.valueOf(same.steps())).isEqualTo(ExecutionStatus.Succeeded);
    JsonNode props = step(same, "DataQuality").properties();
    assertThat(props.get("BaselineUsedForDriftCheckStatistics").asText()).isEqualTo(statistics);
    assertThat(props.get("BaselineUsedForDriftCheckConstraints").asText()).isEqualTo(constraints);
    assertThat(props.get("CalculatedBaselineConstraints").asText())
        .isEqualTo(uri("out/same") + "/constraints.json");
    assertThat(step(same, "DataQuality").metadata().at("/QualityCheck/ViolationReport").asText())
        .isEqualTo(uri("out/same") + "/constraint_violations.json");
    assertThat(
            JSON.readTree(dir.resolve("out/same/constraint_violations.json").toFile())
                .get("violations"))
        .isEmpty();

    ExecutionSnapshot none =
        run(
            "none",
            "{\"Steps\": ["
                + check(
                    "data/base",
                    "out/none",
                    " \"SkipCheck\": false, \"RegisterNewBaseline\": false")
                + "]}");
    assertThat(none.status()).isEqualTo(ExecutionStatus.Failed);
    assertThat(step(none, "DataQuality").failureReason())
        .isEqualTo(
            "QualityCheck needs a baseline to check against: give SuppliedBaselineConstraints, or"
                + " ModelPackageGroupName with an Approved model package whose"
                + " DriftCheckBaselines.ModelDataQuality has constraints, or set SkipCheck to"
                + " calculate a first baseline");
  }
}
