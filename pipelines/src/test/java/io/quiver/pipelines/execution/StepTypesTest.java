package io.quiver.pipelines.execution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quiver.pipelines.step.FlowProcessor;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training, Model, Transform, RegisterModel, Tuning, EMR and ClarifyCheck steps, run locally. */
class StepTypesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  PipelineEngine engine;
  Path sparkArgs;

  @BeforeEach
  void open() throws Exception {
    Path spark = dir.resolve("bin/spark-submit");
    Files.createDirectories(spark.getParent());
    sparkArgs = dir.resolve("spark-args.txt");
    Files.writeString(spark, "#!/bin/sh\necho \"$@\" > " + sparkArgs + "\n");
    Files.setPosixFilePermissions(spark, PosixFilePermissions.fromString("rwxr-xr-x"));
    engine =
        PipelineEngine.open(
            PipelineEngineConfig.builder(dir.resolve("pipelines"))
                .sparkSubmit(spark)
                .builtin(FlowProcessor.IMAGE, new FlowProcessor(null))
                .build());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  ExecutionSnapshot run(String name, String definition) throws Exception {
    engine.createPipeline(new PipelineSpec(name, null, null, null, definition, null, Map.of()));
    ExecutionSnapshot s = engine.startExecution(ExecutionStart.of(name, Map.of()));
    ExecutionSnapshot done =
        engine.completion(s.header().executionArn()).get(120, TimeUnit.SECONDS);
    for (StepSnapshot step : done.steps()) {
      assertThat(step.failureReason()).as("step %s", step.name()).isNull();
    }
    return done;
  }

  static StepSnapshot step(ExecutionSnapshot run, String name) {
    return run.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  String uri(String relative) {
    return dir.resolve(relative).toUri().toString().replaceAll("/$", "");
  }

  static String text(String s) {
    return JsonNodeFactory.instance.textNode(s).toString();
  }

  static List<String> entries(byte[] tarGz) throws Exception {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarGz)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }

  @Test
  void trainCreateModelTransformAndRegister() throws Exception {
    Files.createDirectories(dir.resolve("data/train"));
    Files.writeString(dir.resolve("data/train/rows.csv"), "1,2\n3,4\n");
    Files.createDirectories(dir.resolve("data/score"));
    Files.writeString(dir.resolve("data/score/new.csv"), "5,6\n");
    String train =
        "echo loss=0.75; wc -l < /opt/ml/input/data/train/rows.csv > /opt/ml/model/rows.txt;"
            + " cp /opt/ml/input/config/hyperparameters.json /opt/ml/model/; echo loss=0.25";
    String predict =
        "for f in /opt/ml/transform/input/*; do cat /opt/ml/model/rows.txt > /opt/ml/transform/output/$(basename $f).out; done";
    String definition =
        "{\"Version\": \"2020-12-01\", \"Steps\": ["
            + "{\"Name\": \"Train\", \"Type\": \"Training\", \"Arguments\": {"
            + " \"AlgorithmSpecification\": {\"TrainingImage\": \"local\", \"TrainingInputMode\": \"File\","
            + "  \"ContainerEntrypoint\": [\"sh\", \"-c\", "
            + text(train)
            + "],"
            + "  \"MetricDefinitions\": [{\"Name\": \"loss\", \"Regex\": \"loss=([0-9.]+)\"}]},"
            + " \"HyperParameters\": {\"max_depth\": \"5\"},"
            + " \"InputDataConfig\": [{\"ChannelName\": \"train\", \"DataSource\": {\"S3DataSource\": {\"S3Uri\": "
            + text(uri("data/train"))
            + "}}}],"
            + " \"OutputDataConfig\": {\"S3OutputPath\": "
            + text(uri("models"))
            + "},"
            + " \"ResourceConfig\": {\"InstanceCount\": 1, \"InstanceType\": \"ml.m5.large\", \"VolumeSizeInGB\": 5}}},"
            + "{\"Name\": \"Model\", \"Type\": \"Model\", \"Arguments\": {\"ExecutionRoleArn\": \"arn:aws:iam::123456789012:role/r\","
            + " \"PrimaryContainer\": {\"Image\": \"local\", \"ModelDataUrl\": {\"Get\": \"Steps.Train.ModelArtifacts.S3ModelArtifacts\"},"
            + "  \"Environment\": {\"QUIVER_COMMAND\": "
            + text("[\"sh\", \"-c\", " + text(predict) + "]")
            + "}}}},"
            + "{\"Name\": \"Score\", \"Type\": \"Transform\", \"Arguments\": {\"ModelName\": {\"Get\": \"Steps.Model.ModelName\"},"
            + " \"TransformInput\": {\"DataSource\": {\"S3DataSource\": {\"S3DataType\": \"S3Prefix\", \"S3Uri\": "
            + text(uri("data/score"))
            + "}}},"
            + " \"TransformOutput\": {\"S3OutputPath\": "
            + text(uri("scores"))
            + "},"
            + " \"TransformResources\": {\"InstanceCount\": 1, \"InstanceType\": \"ml.m5.large\"}}},"
            + "{\"Name\": \"Register\", \"Type\": \"RegisterModel\", \"DependsOn\": [\"Score\"], \"Arguments\": {"
            + " \"ModelPackageGroupName\": \"demo\", \"ModelApprovalStatus\": \"Approved\","
            + " \"InferenceSpecification\": {\"Containers\": [{\"Image\": \"local\","
            + "  \"ModelDataUrl\": {\"Get\": \"Steps.Train.ModelArtifacts.S3ModelArtifacts\"}}],"
            + "  \"SupportedContentTypes\": [\"text/csv\"], \"SupportedResponseMIMETypes\": [\"text/csv\"]},"
            + " \"ModelMetrics\": {\"ModelQuality\": {\"Statistics\": {\"ContentType\": \"application/json\","
            + "  \"S3Uri\": {\"Std:Join\": {\"On\": \"/\", \"Values\": [\"file:///metrics\", {\"Get\": \"Steps.Train.FinalMetricDataList[0].Value\"}]}}}}}}}"
            + "]}";

    ExecutionSnapshot run = run("train", definition);

    JsonNode trained = step(run, "Train").properties();
    String jobName = trained.get("TrainingJobName").asText();
    String artifact = trained.at("/ModelArtifacts/S3ModelArtifacts").asText();
    assertThat(artifact).isEqualTo(uri("models") + "/" + jobName + "/output/model.tar.gz");
    byte[] tarGz = Files.readAllBytes(Path.of(java.net.URI.create(artifact)));
    assertThat(entries(tarGz)).containsExactly("hyperparameters.json", "rows.txt");
    assertThat(trained.at("/FinalMetricDataList/0/MetricName").asText()).isEqualTo("loss");
    assertThat(trained.at("/FinalMetricDataList/0/Value").asDouble()).isEqualTo(0.25);
    assertThat(trained.get("TrainingJobStatus").asText()).isEqualTo("Completed");
    assertThat(Files.readString(dir.resolve("scores/new.csv.out")).strip()).isEqualTo("2");
    JsonNode registered = step(run, "Register").properties();
    assertThat(registered.get("ModelPackageVersion").asInt()).isEqualTo(1);
    assertThat(registered.get("ModelApprovalStatus").asText()).isEqualTo("Approved");
    assertThat(registered.at("/ModelMetrics/ModelQuality/Statistics/S3Uri").asText())
        .isEqualTo("file:///metrics/0.25");
    assertThat(engine.registry().latestApproved("demo")).isPresent();
    assertThat(
            engine
                .registry()
                .describeModel(step(run, "Model").properties().get("ModelName").asText())
                .at("/PrimaryContainer/ModelDataUrl")
                .asText())
        .isEqualTo(artifact);
  }

  @Test
  void gridTuningRanksTrainingRunsByTheObjective() throws Exception {
    Files.createDirectories(dir.resolve("data/train"));
    Files.writeString(dir.resolve("data/train/rows.csv"), "1\n");
    String definition =
        "{\"Version\": \"2020-12-01\", \"Steps\": [{\"Name\": \"Tune\", \"Type\": \"Tuning\", \"Arguments\": {"
            + " \"HyperParameterTuningJobConfig\": {\"Strategy\": \"Grid\","
            + "  \"HyperParameterTuningJobObjective\": {\"Type\": \"Minimize\", \"MetricName\": \"loss\"},"
            + "  \"ResourceLimits\": {\"MaxParallelTrainingJobs\": 1},"
            + "  \"ParameterRanges\": {\"CategoricalParameterRanges\": [{\"Name\": \"lr\", \"Values\": [\"0.1\", \"0.001\", \"0.01\"]}]}},"
            + " \"TrainingJobDefinition\": {\"StaticHyperParameters\": {\"epochs\": \"2\"},"
            + "  \"AlgorithmSpecification\": {\"TrainingInputMode\": \"File\", \"ContainerEntrypoint\": [\"sh\", \"-c\","
            + "   \"echo epochs=$SM_HP_EPOCHS; echo loss=$SM_HP_LR; echo $SM_HP_LR > /opt/ml/model/lr\"],"
            + "   \"MetricDefinitions\": [{\"Name\": \"loss\", \"Regex\": \"loss=([0-9.]+)\"}]},"
            + "  \"InputDataConfig\": [{\"ChannelName\": \"train\", \"DataSource\": {\"S3DataSource\": {\"S3Uri\": "
            + text(uri("data/train"))
            + "}}}],"
            + "  \"OutputDataConfig\": {\"S3OutputPath\": "
            + text(uri("tuning"))
            + "}}}},"
            + "{\"Name\": \"Best\", \"Type\": \"Lambda\", \"FunctionArn\": \"best\", \"Arguments\": {\"model\": {\"Std:Join\": {\"On\": \"/\", \"Values\": ["
            + text(uri("tuning"))
            + ", {\"Get\": \"Steps.Tune.TrainingJobSummaries[0].TrainingJobName\"}, \"output/model.tar.gz\"]}}}}"
            + "]}";
    engine.close();
    List<JsonNode> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    engine =
        PipelineEngine.open(
            PipelineEngineConfig.builder(dir.resolve("pipelines"))
                .lambdaFunction(
                    "best",
                    args -> {
                      calls.add(args);
                      return JSON.createObjectNode();
                    })
                .build());

    ExecutionSnapshot run = run("tune", definition);

    JsonNode tuned = step(run, "Tune").properties();
    assertThat(tuned.get("TrainingJobSummaries")).hasSize(3);
    List<String> order = new ArrayList<>();
    tuned
        .get("TrainingJobSummaries")
        .forEach(s -> order.add(s.at("/TunedHyperParameters/lr").asText()));
    assertThat(order).containsExactly("0.001", "0.01", "0.1");
    assertThat(
            tuned
                .at("/BestTrainingJob/FinalHyperParameterTuningJobObjectiveMetric/Value")
                .asDouble())
        .isEqualTo(0.001);
    String best = tuned.at("/BestTrainingJob/TrainingJobName").asText();
    assertThat(best).endsWith("-002");
    assertThat(calls.get(0).get("model").asText())
        .isEqualTo(uri("tuning") + "/" + best + "/output/model.tar.gz");
    assertThat(Files.exists(Path.of(java.net.URI.create(calls.get(0).get("model").asText()))))
        .isTrue();
  }

  @Test
  void emrStepsRunThroughSparkSubmit() throws Exception {
    String definition =
        "{\"Version\": \"2020-12-01\", \"Steps\": [{\"Name\": \"Spark\", \"Type\": \"EMR\", \"Arguments\": {"
            + "\"ClusterId\": \"j-123\", \"StepConfig\": {\"Name\": \"agg\", \"HadoopJarStep\": {\"Jar\": \"/jobs/app.jar\","
            + " \"MainClass\": \"com.example.Main\", \"Args\": [\"in\", \"out\"],"
            + " \"Properties\": [{\"Key\": \"spark.sql.shuffle.partitions\", \"Value\": \"4\"}]}}}}]}";

    ExecutionSnapshot run = run("emr", definition);

    assertThat(Files.readString(sparkArgs).strip())
        .isEqualTo(
            "--master local[2] --class com.example.Main --conf spark.sql.shuffle.partitions=4 /jobs/app.jar in out");
    assertThat(step(run, "Spark").properties().at("/Step/Status/State").asText())
        .isEqualTo("COMPLETED");
    assertThat(step(run, "Spark").metadata().at("/EMR/ClusterId").asText()).isEqualTo("j-123");
  }

  @Test
  void clarifyCheckComputesBiasAndFailsOnDriftFromTheBaseline() throws Exception {
    Files.createDirectories(dir.resolve("check/data"));
    StringBuilder csv = new StringBuilder("gender,approved\n");
    for (String row :
        List.of("m,1", "m,1", "m,1", "m,0", "m,1", "m,0", "f,1", "f,0", "f,0", "f,0")) {
      csv.append(row).append('\n');
    }
    Files.writeString(dir.resolve("check/data/train.csv"), csv.toString());
    Files.createDirectories(dir.resolve("check/config"));
    Files.writeString(
        dir.resolve("check/config/analysis_config.json"),
        "{\"dataset_type\": \"text/csv\", \"label\": \"approved\", \"label_values_or_threshold\": [1],"
            + " \"facet\": [{\"name_or_index\": \"gender\", \"value_or_threshold\": [\"f\"]}],"
            + " \"methods\": {\"pre_training_bias\": {\"methods\": \"all\"}}}");
    String check =
        "{\"Name\": \"Bias\", \"Type\": \"ClarifyCheck\", \"CheckType\": \"DATA_BIAS\", \"SkipCheck\": %s,"
            + " \"RegisterNewBaseline\": false, \"ModelPackageGroupName\": \"credit\"%s, \"Arguments\": {"
            + " \"ProcessingInputs\": [{\"InputName\": \"dataset\", \"S3Input\": {\"S3Uri\": "
            + text(uri("check/data"))
            + ", \"LocalPath\": \"/opt/ml/processing/input/data\"}}, {\"InputName\": \"analysis_config\", \"S3Input\": {\"S3Uri\": "
            + text(uri("check/config"))
            + ", \"LocalPath\": \"/opt/ml/processing/input/config\"}}],"
            + " \"ProcessingOutputConfig\": {\"Outputs\": [{\"OutputName\": \"analysis_result\", \"S3Output\": {\"S3Uri\": "
            + text(uri("check/out"))
            + ", \"LocalPath\": \"/opt/ml/processing/output\"}}]},"
            + " \"AppSpecification\": {\"ImageUri\": \"clarify\"}}}";

    ExecutionSnapshot first =
        run("bias", "{\"Steps\": [" + String.format(check, "true", "") + "]}");

    String calculated =
        step(first, "Bias").properties().get("CalculatedBaselineConstraints").asText();
    assertThat(calculated).isEqualTo(uri("check/out") + "/analysis.json");
    JsonNode analysis = JSON.readTree(Path.of(java.net.URI.create(calculated)).toFile());
    JsonNode ci = null;
    for (JsonNode m : analysis.at("/pre_training_bias_metrics/facets/gender/0/metrics")) {
      if (m.get("name").asText().equals("CI")) {
        ci = m.get("value");
      }
    }
    assertThat(ci.asDouble()).isEqualTo(0.2);
    assertThat(
            step(first, "Bias").properties().get("BaselineUsedForDriftCheckConstraints").asText())
        .isEqualTo(calculated);

    Path baseline = dir.resolve("baseline.json");
    Files.writeString(baseline, analysis.toString().replace("\"value\":0.2", "\"value\":0.1"));
    String definition =
        "{\"Steps\": ["
            + String.format(
                check,
                "false",
                ", \"SuppliedBaselineConstraints\": " + text(baseline.toUri().toString()))
            + "]}";
    engine.createPipeline(new PipelineSpec("drift", null, null, null, definition, null, Map.of()));
    ExecutionSnapshot s = engine.startExecution(ExecutionStart.of("drift", Map.of()));
    ExecutionSnapshot drift =
        engine.completion(s.header().executionArn()).get(120, TimeUnit.SECONDS);

    assertThat(drift.status()).isEqualTo(ExecutionStatus.Failed);
    assertThat(step(drift, "Bias").failureReason())
        .startsWith("ClarifyCheck found ")
        .contains("against baseline " + baseline.toUri());
    assertThat(Files.readString(dir.resolve("check/out/constraint_violations.json")))
        .contains("CI of gender=f is 0.2, beyond the baseline's 0.1");

    // No supplied baseline and no Approved package in group credit: nothing to check against.
    engine.createPipeline(
        new PipelineSpec(
            "nobaseline",
            null,
            null,
            null,
            "{\"Steps\": [" + String.format(check, "false", "") + "]}",
            null,
            Map.of()));
    ExecutionSnapshot none =
        engine
            .completion(
                engine
                    .startExecution(ExecutionStart.of("nobaseline", Map.of()))
                    .header()
                    .executionArn())
            .get(120, TimeUnit.SECONDS);
    assertThat(none.status()).isEqualTo(ExecutionStatus.Failed);
    assertThat(step(none, "Bias").failureReason())
        .isEqualTo(
            "ClarifyCheck needs a baseline to check against: give SuppliedBaselineConstraints, or"
                + " ModelPackageGroupName with an Approved model package whose"
                + " DriftCheckBaselines.Bias.PreTrainingConstraints is set (group credit has"
                + " none), or set SkipCheck to calculate a first baseline");
  }

  @Test
  void aDataWranglerFlowRunsAsABuiltInProcessor() throws Exception {
    Files.createDirectories(dir.resolve("flow/data"));
    Files.writeString(dir.resolve("flow/data/orders.csv"), "id,country\no1,us\no2,fr\n");
    Files.createDirectories(dir.resolve("flow/def"));
    Files.writeString(
        dir.resolve("flow/def/orders.flow"),
        "{\"metadata\": {\"version\": 1}, \"parameters\": [{\"name\": \"input\", \"type\": \"String\","
            + " \"value\": \"none\"}, {\"name\": \"out\", \"type\": \"String\", \"value\": \"none\"}],"
            + " \"nodes\": [{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
            + " \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \"{{input}}\","
            + " \"s3ContentType\": \"csv\", \"s3HasHeader\": true}}}},"
            + " {\"node_id\": \"upper\", \"type\": \"TRANSFORM\", \"operator\": \"sagemaker.spark.format_string_0.1\","
            + " \"parameters\": {\"operator\": \"Upper case\", \"upper_case_parameters\": {\"input_column\": \"country\"}},"
            + " \"inputs\": [{\"name\": \"df\", \"node_id\": \"src\", \"output_name\": \"default\"}],"
            + " \"outputs\": [{\"name\": \"default\"}]},"
            + " {\"node_id\": \"dest\", \"type\": \"DESTINATION\", \"operator\": \"sagemaker.spark.s3_destination_0.1\","
            + " \"parameters\": {\"output_config\": {\"output_path\": \"{{out}}\", \"output_content_type\": \"CSV\"}},"
            + " \"inputs\": [{\"name\": \"df\", \"node_id\": \"upper\", \"output_name\": \"default\"}]}]}");
    String definition =
        "{\"Steps\": [{\"Name\": \"Wrangle\", \"Type\": \"Processing\", \"Arguments\": {"
            + " \"ProcessingInputs\": [{\"InputName\": \"flow\", \"S3Input\": {\"S3Uri\": "
            + text(uri("flow/def"))
            + ", \"LocalPath\": \"/opt/ml/processing/flow\"}}, {\"InputName\": \"input\", \"S3Input\": {\"S3Uri\": "
            + text(uri("flow/data"))
            + ", \"LocalPath\": \"/opt/ml/processing/input\"}}],"
            + " \"ProcessingOutputConfig\": {\"Outputs\": [{\"OutputName\": \"out\", \"S3Output\": {\"S3Uri\": "
            + text(uri("flow/out"))
            + ", \"LocalPath\": \"/opt/ml/processing/output\"}}]},"
            + " \"AppSpecification\": {\"ImageUri\": \"quiver:flow\"}}}]}";

    run("flow", definition);

    StringBuilder written = new StringBuilder();
    try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("flow/out"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        written.append(Files.readString(f));
      }
    }
    assertThat(written.toString()).contains("o1,US").contains("o2,FR");
  }

  @Test
  void lambdaStepsCallHttpFunctions() throws Exception {
    List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer http =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/fn",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
          boolean fail = exchange.getRequestURI().getQuery() != null;
          byte[] reply = (fail ? "boom" : "{\"status\": \"ok\", \"count\": \"3\"}").getBytes(UTF_8);
          exchange.sendResponseHeaders(fail ? 500 : 200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    http.start();
    try {
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/fn";
      ExecutionSnapshot run =
          run(
              "http",
              "{\"Steps\": [{\"Name\": \"Call\", \"Type\": \"Lambda\", \"FunctionArn\": \""
                  + url
                  + "\", \"Arguments\": {\"who\": {\"Get\": \"Execution.PipelineName\"}},"
                  + " \"OutputParameters\": [{\"OutputName\": \"status\"}, {\"OutputName\": \"count\", \"OutputType\": \"Integer\"}]}]}");

      assertThat(bodies).containsExactly("{\"who\":\"http\"}");
      assertThat(step(run, "Call").properties().at("/OutputParameters/status").asText())
          .isEqualTo("ok");
      assertThat(step(run, "Call").properties().at("/OutputParameters/count").asLong())
          .isEqualTo(3);
      assertThat(step(run, "Call").metadata().at("/Lambda/OutputParameters/1/Value").asText())
          .isEqualTo("3");

      engine.createPipeline(
          new PipelineSpec(
              "http-fail",
              null,
              null,
              null,
              "{\"Steps\": [{\"Name\": \"Call\", \"Type\": \"Lambda\", \"FunctionArn\": \""
                  + url
                  + "?fail\"}]}",
              null,
              Map.of()));
      ExecutionSnapshot s = engine.startExecution(ExecutionStart.of("http-fail", Map.of()));
      ExecutionSnapshot failed =
          engine.completion(s.header().executionArn()).get(60, TimeUnit.SECONDS);
      assertThat(step(failed, "Call").failureReason())
          .isEqualTo("Lambda function " + url + "?fail answered HTTP 500: boom");
    } finally {
      http.stop(0);
    }
  }
}
