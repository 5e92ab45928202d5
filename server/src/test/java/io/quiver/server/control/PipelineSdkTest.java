package io.quiver.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.pipelines.execution.ExecutionSnapshot;
import io.quiver.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.Parameter;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.QualityCheckStepMetadata;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.StepStatus;

/**
 * Pipelines and the model registry through the real AWS SDK for Java v2 {@link SageMakerClient}.
 */
class PipelineSdkTest {
  @TempDir static Path dataDir;
  @TempDir static Path files;
  static ServerFixture fixture;
  static SageMakerClient sm;
  static String DEF;

  @BeforeAll
  static void start() throws Exception {
    DEF = definition();
    fixture = ServerFixture.start(dataDir);
    sm = fixture.control();
  }

  @AfterAll
  static void stop() {
    sm.close();
    fixture.close();
  }

  static String definition() throws Exception {
    Path input = Files.createDirectories(files.resolve("in"));
    Files.writeString(input.resolve("rows.csv"), "a,b\n1,2\n");
    return """
        {"Version": "2020-12-01",
         "Parameters": [{"Name": "Label", "Type": "String", "DefaultValue": "plain"},
                        {"Name": "Group", "Type": "String", "DefaultValue": "churn"}],
         "Steps": [
          {"Name": "Prep", "Type": "Processing",
           "Arguments": {
             "ProcessingInputs": [{"InputName": "raw", "S3Input": {"S3Uri": "file://IN",
                "LocalPath": "/opt/ml/processing/input", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
             "ProcessingOutputConfig": {"Outputs": [{"OutputName": "out", "S3Output": {
                "S3Uri": {"Std:Join": {"On": "/", "Values": ["file://OUT", {"Get": "Execution.PipelineExecutionId"}]}},
                "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"}}]},
             "AppSpecification": {"ImageUri": "local", "ContainerEntrypoint": ["sh", "-c",
                "cp /opt/ml/processing/input/rows.csv /opt/ml/processing/output/rows.csv && echo $LABEL > /opt/ml/processing/output/label.txt"]},
             "Environment": {"LABEL": {"Get": "Parameters.Label"}}}},
          {"Name": "Register", "Type": "RegisterModel",
           "Arguments": {"ModelPackageGroupName": {"Get": "Parameters.Group"},
             "ModelApprovalStatus": "PendingManualApproval",
             "InferenceSpecification": {"Containers": [{"Image": "local",
               "ModelDataUrl": {"Get": "Steps.Prep.ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri"}}],
               "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}}},
          {"Name": "Approve", "Type": "Callback", "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
           "DependsOn": ["Register"],
           "Arguments": {"package": {"Get": "Steps.Register.ModelPackageArn"}},
           "OutputParameters": [{"OutputName": "approver", "OutputType": "String"}]}
         ]}
        """
        .replace("file://IN", input.toUri().toString())
        .replace("file://OUT", files.resolve("out").toUri().toString());
  }

  @Test
  void createsStartsDescribesAndListsPipelinesAndExecutions() throws Exception {
    String arn =
        sm.createPipeline(
                b ->
                    b.pipelineName("churn-pipeline")
                        .pipelineDefinition(DEF)
                        .pipelineDescription("churn model")
                        .roleArn("arn:aws:iam::123456789012:role/pipelines"))
            .pipelineArn();
    assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn-pipeline");

    DescribePipelineResponse described = sm.describePipeline(b -> b.pipelineName("churn-pipeline"));
    assertThat(described.pipelineStatusAsString()).isEqualTo("Active");
    assertThat(described.pipelineDescription()).isEqualTo("churn model");
    assertThat(described.pipelineDefinition()).isEqualTo(DEF);
    assertThat(sm.listPipelines(b -> b.pipelineNamePrefix("churn")).pipelineSummaries())
        .extracting(s -> s.pipelineName())
        .containsExactly("churn-pipeline");

    String executionArn =
        sm.startPipelineExecution(
                b ->
                    b.pipelineName("churn-pipeline")
                        .pipelineExecutionDisplayName("first")
                        .pipelineParameters(
                            Parameter.builder().name("Label").value("gold").build()))
            .pipelineExecutionArn();
    assertThat(executionArn).startsWith(arn + "/execution/");

    String token = waitForCallbackToken(executionArn);
    sm.sendPipelineExecutionStepSuccess(
        b ->
            b.callbackToken(token)
                .outputParameters(
                    software.amazon.awssdk.services.sagemaker.model.OutputParameter.builder()
                        .name("approver")
                        .value("ana")
                        .build()));
    ExecutionSnapshot done =
        fixture.server().pipelines().completion(executionArn).get(60, TimeUnit.SECONDS);
    assertThat(done.status().name()).isEqualTo("Succeeded");

    DescribePipelineExecutionResponse execution =
        sm.describePipelineExecution(b -> b.pipelineExecutionArn(executionArn));
    assertThat(execution.pipelineExecutionStatus()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
    assertThat(execution.pipelineExecutionDisplayName()).isEqualTo("first");
    assertThat(execution.pipelineExperimentConfig().experimentName()).isEqualTo("churn-pipeline");
    assertThat(
            sm.listPipelineExecutions(b -> b.pipelineName("churn-pipeline"))
                .pipelineExecutionSummaries())
        .extracting(s -> s.pipelineExecutionArn())
        .containsExactly(executionArn);
    List<PipelineExecutionStep> steps =
        sm.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(executionArn))
            .pipelineExecutionSteps();
    assertThat(steps)
        .extracting(PipelineExecutionStep::stepName)
        .containsExactly("Approve", "Register", "Prep");
    assertThat(steps)
        .extracting(PipelineExecutionStep::stepStatus)
        .containsOnly(StepStatus.SUCCEEDED);
    assertThat(steps.get(2).metadata().processingJob().arn())
        .startsWith("arn:aws:sagemaker:us-east-1:123456789012:processing-job/pipelines-");
    assertThat(steps.get(0).metadata().callback().outputParameters())
        .extracting(p -> p.name() + "=" + p.value())
        .containsExactly("approver=ana");
    String packageArn = steps.get(1).metadata().registerModel().arn();
    assertThat(packageArn)
        .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1");
    String outputFolder =
        files
            .resolve("out")
            .resolve(executionArn.substring(executionArn.lastIndexOf('/') + 1))
            .toString();
    assertThat(Files.readString(Path.of(outputFolder, "label.txt")).strip()).isEqualTo("gold");
    assertThat(
            sm.listPipelineParametersForExecution(b -> b.pipelineExecutionArn(executionArn))
                .pipelineParameters())
        .extracting(p -> p.name() + "=" + p.value())
        .containsExactly("Label=gold", "Group=churn");
    assertThat(
            sm.describePipelineDefinitionForExecution(b -> b.pipelineExecutionArn(executionArn))
                .pipelineDefinition())
        .isEqualTo(DEF);

    assertThat(sm.describeModelPackage(b -> b.modelPackageName(packageArn)).modelApprovalStatus())
        .isEqualTo(ModelApprovalStatus.PENDING_MANUAL_APPROVAL);
    sm.updateModelPackage(
        b -> b.modelPackageArn(packageArn).modelApprovalStatus(ModelApprovalStatus.APPROVED));
    assertThat(
            sm.listModelPackages(b -> b.modelPackageGroupName("churn")).modelPackageSummaryList())
        .extracting(s -> s.modelPackageVersion() + ":" + s.modelApprovalStatusAsString())
        .containsExactly("1:Approved");
    assertThat(
            sm.describeModelPackageGroup(b -> b.modelPackageGroupName("churn"))
                .modelPackageGroupArn())
        .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn");
  }

  private static String qualityCheck(Path data, Path out, String flags) {
    return """
        {"Version": "2020-12-01", "Steps": [
          {"Name": "DataQuality", "Type": "QualityCheck", "CheckType": "DATA_QUALITY", @FLAGS@,
           "Arguments": {
             "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.c5.xlarge", "VolumeSizeInGB": 30}},
             "AppSpecification": {"ImageUri": "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"},
             "RoleArn": "arn:aws:iam::123456789012:role/pipelines",
             "ProcessingInputs": [{"InputName": "baseline_dataset_input", "S3Input": {"S3Uri": "@DATA@",
                "LocalPath": "/opt/ml/processing/input/baseline_dataset_input", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
             "ProcessingOutputConfig": {"Outputs": [{"OutputName": "quality_check_output", "S3Output": {"S3Uri": "@OUT@",
                "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"}}]},
             "Environment": {"dataset_format": "{\\"csv\\": {\\"header\\": true, \\"output_columns_position\\": \\"START\\"}}",
                "dataset_source": "/opt/ml/processing/input/baseline_dataset_input",
                "output_path": "/opt/ml/processing/output", "publish_cloudwatch_metrics": "Disabled"}}}
        ]}
        """
        .replace("@FLAGS@", flags)
        .replace("@DATA@", data.toUri().toString())
        .replace("@OUT@", out.toUri().toString().replaceAll("/$", ""));
  }

  private static List<PipelineExecutionStep> runToEnd(String name, String definition)
      throws Exception {
    sm.createPipeline(
        b ->
            b.pipelineName(name)
                .pipelineDefinition(definition)
                .roleArn("arn:aws:iam::123456789012:role/pipelines"));
    String executionArn =
        sm.startPipelineExecution(b -> b.pipelineName(name)).pipelineExecutionArn();
    fixture.server().pipelines().completion(executionArn).get(120, TimeUnit.SECONDS);
    return sm.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(executionArn))
        .pipelineExecutionSteps();
  }

  @Test
  void qualityCheckStepsReportTheirBaselinesAndViolationsThroughTheSdk() throws Exception {
    Path base = Files.createDirectories(files.resolve("quality/base"));
    Files.writeString(base.resolve("rows.csv"), "age,plan\n20,basic\n21,plus\n22,basic\n23,plus\n");
    Path out = files.resolve("quality/out-first");
    List<PipelineExecutionStep> first =
        runToEnd(
            "quality-first",
            qualityCheck(base, out, "\"SkipCheck\": true, \"RegisterNewBaseline\": true"));

    assertThat(first)
        .singleElement()
        .satisfies(s -> assertThat(s.stepStatus()).isEqualTo(StepStatus.SUCCEEDED));
    QualityCheckStepMetadata metadata = first.get(0).metadata().qualityCheck();
    String folder = out.toUri().toString().replaceAll("/$", "");
    String statistics = folder + "/statistics.json";
    String constraints = folder + "/constraints.json";
    assertThat(metadata.checkType()).isEqualTo("DATA_QUALITY");
    assertThat(metadata.calculatedBaselineStatistics()).isEqualTo(statistics);
    assertThat(metadata.calculatedBaselineConstraints()).isEqualTo(constraints);
    assertThat(metadata.baselineUsedForDriftCheckStatistics()).isEqualTo(statistics);
    assertThat(metadata.baselineUsedForDriftCheckConstraints()).isEqualTo(constraints);
    assertThat(metadata.skipCheck()).isTrue();
    assertThat(metadata.registerNewBaseline()).isTrue();
    assertThat(metadata.checkJobArn())
        .startsWith("arn:aws:sagemaker:us-east-1:123456789012:processing-job/pipelines-");

    // Two more rows without an age: 4 of 6 present (66.7%) where the baseline had every one; the
    // ages and plan shares are the baseline's.
    Path later = Files.createDirectories(files.resolve("quality/later"));
    Files.writeString(
        later.resolve("rows.csv"),
        "age,plan\n20,basic\n21,plus\n22,basic\n23,plus\n,basic\n,plus\n");
    Path laterOut = files.resolve("quality/out-later");
    List<PipelineExecutionStep> checked =
        runToEnd(
            "quality-later",
            qualityCheck(
                later,
                laterOut,
                "\"SkipCheck\": false, \"RegisterNewBaseline\": false, \"SuppliedBaselineStatistics\": \""
                    + statistics
                    + "\", \"SuppliedBaselineConstraints\": \""
                    + constraints
                    + "\""));
    assertThat(checked.get(0).stepStatus()).isEqualTo(StepStatus.FAILED);
    assertThat(checked.get(0).failureReason())
        .startsWith(
            "QualityCheck found 1 violation(s) against baseline "
                + constraints
                + ", first: age completeness_check: Data completeness requirement is not met."
                + " Expected completeness: 100.0%. Observed: Only 66.7% of data is present.");
  }

  @Test
  void errorsComeBackAsSageMakerErrors() throws Exception {
    assertThatThrownBy(() -> sm.describePipeline(b -> b.pipelineName("missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Pipeline missing does not exist");
    sm.createPipeline(b -> b.pipelineName("twice").pipelineDefinition(DEF));
    assertThatThrownBy(
            () -> sm.createPipeline(b -> b.pipelineName("twice").pipelineDefinition(DEF)))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(
            () ->
                sm.createPipeline(
                    b ->
                        b.pipelineName("bad")
                            .pipelineDefinition(
                                "{\"Version\": \"2020-12-01\", \"Steps\": [{\"Name\": \"A\", \"Type\": \"Processing\","
                                    + " \"Arguments\": {}, \"DependsOn\": [\"Nope\"]}]}")))
        .isInstanceOf(SageMakerException.class)
        .satisfies(
            e ->
                assertThat(((SageMakerException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException"))
        .hasMessageContaining(
            "Step 'A': DependsOn names 'Nope', which is not a step of this pipeline");
    assertThatThrownBy(
            () ->
                sm.startPipelineExecution(
                    b ->
                        b.pipelineName("twice")
                            .pipelineParameters(
                                Parameter.builder().name("Nope").value("1").build())))
        .isInstanceOf(SageMakerException.class)
        .hasMessageContaining("parameter 'Nope' is not declared by the pipeline");
  }

  /** Polls the step list (the client's only way to learn the token) until Approve is waiting. */
  private static String waitForCallbackToken(String executionArn) throws Exception {
    ExecutionSnapshot snapshot;
    for (int i = 0; i < 10_000; i++) {
      List<PipelineExecutionStep> steps =
          sm.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(executionArn))
              .pipelineExecutionSteps();
      for (PipelineExecutionStep s : steps) {
        if (s.stepName().equals("Approve")
            && s.metadata() != null
            && s.metadata().callback() != null) {
          return s.metadata().callback().callbackToken();
        }
        if (s.stepStatus() == StepStatus.FAILED) {
          throw new AssertionError("step " + s.stepName() + " failed: " + s.failureReason());
        }
      }
      snapshot = fixture.server().pipelines().describeExecution(executionArn);
      if (snapshot.status().terminal()) {
        throw new AssertionError("execution ended before the callback: " + snapshot);
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the Callback step never started");
  }
}
