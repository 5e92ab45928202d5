package io.quiver.pipelines.step;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Training steps as a local command in SageMaker's training layout: channels copied into {@code
 * /opt/ml/input/data/<channel>}, hyperparameters in {@code
 * /opt/ml/input/config/hyperparameters.json} and {@code SM_HP_*}, the model written to {@code
 * /opt/ml/model} and uploaded as {@code <S3OutputPath>/<job>/output/model.tar.gz}; {@code
 * MetricDefinitions} are matched against the command's output for {@code FinalMetricDataList}.
 * Stateless.
 */
public final class TrainingStepRunner implements StepRunner {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public StepOutcome run(StepRun run) throws InterruptedException {
    ObjectNode props = train(run, run.arguments(), run.jobName(), run.workDir());
    ObjectNode metadata = MAPPER.createObjectNode();
    metadata.putObject("TrainingJob").put("Arn", run.jobArn("training-job"));
    return new StepOutcome(props, metadata);
  }

  /**
   * Runs one training job described by {@code request} as {@code jobName} in {@code workDir}.
   *
   * @return the DescribeTrainingJob response
   */
  static ObjectNode train(StepRun run, JsonNode request, String jobName, Path workDir)
      throws InterruptedException {
    Instant start = run.now();
    String what = "Training job " + jobName;
    ContainerPaths paths =
        new ContainerPaths(JobSupport.createFolder(workDir.resolve("container")), List.of());
    Map<String, String> env = JobSupport.stringMap(request.get("Environment"));
    List<String> channels = new ArrayList<>();
    for (JsonNode channel : request.path("InputDataConfig")) {
      String name = channel.path("ChannelName").asText();
      String uri = channel.at("/DataSource/S3DataSource/S3Uri").asText();
      Path local = JobSupport.createFolder(paths.local("/opt/ml/input/data/" + name));
      try {
        run.objects().download(uri, local);
      } catch (RuntimeException e) {
        throw JobSupport.transferFailed("copy channel '" + name + "' from", uri, e);
      }
      channels.add(name);
      env.put("SM_CHANNEL_" + name.toUpperCase(Locale.ROOT), local.toString());
    }
    Map<String, String> hyper = JobSupport.stringMap(request.get("HyperParameters"));
    Path config = JobSupport.createFolder(paths.local("/opt/ml/input/config"));
    Path model = JobSupport.createFolder(paths.local("/opt/ml/model"));
    Path output = JobSupport.createFolder(paths.local("/opt/ml/output/data"));
    try {
      Files.write(config.resolve("hyperparameters.json"), MAPPER.writeValueAsBytes(hyper));
      Files.write(
          config.resolve("inputdataconfig.json"),
          MAPPER.writeValueAsBytes(request.path("InputDataConfig")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the training configuration in " + config, e);
    }
    env.put("SM_MODEL_DIR", model.toString());
    env.put("SM_OUTPUT_DATA_DIR", output.toString());
    env.put("SM_INPUT_CONFIG_DIR", config.toString());
    env.put("SM_CHANNELS", MAPPER.valueToTree(channels).toString());
    env.put("SM_HPS", MAPPER.valueToTree(hyper).toString());
    env.put("TRAINING_JOB_NAME", jobName);
    env.put("QUIVER_CONTAINER_ROOT", paths.root().toString());
    hyper.forEach((k, v) -> env.put("SM_HP_" + k.toUpperCase(Locale.ROOT).replace('-', '_'), v));
    JsonNode algorithm = request.path("AlgorithmSpecification");
    List<String> command =
        new ArrayList<>(JobSupport.strings(algorithm.get("ContainerEntrypoint")));
    command.addAll(JobSupport.strings(algorithm.get("ContainerArguments")));
    if (command.isEmpty()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          what
              + " has no command: set AlgorithmSpecification.ContainerEntrypoint (Quiver runs"
              + " training as a local command, not a container image)");
    }
    JobSupport.createFolder(workDir);
    LocalProcess.run(
        run,
        what,
        paths.rewrite(command),
        paths.root(),
        env,
        request.at("/StoppingCondition/MaxRuntimeInSeconds").asLong(0),
        workDir.resolve("output.log"));
    String outputPath = JobSupport.requiredText(request, "/OutputDataConfig/S3OutputPath", what);
    String artifact = outputPath.replaceAll("/+$", "") + "/" + jobName + "/output/model.tar.gz";
    try {
      run.objects().write(artifact, ModelArtifacts.pack(model));
    } catch (RuntimeException e) {
      throw JobSupport.transferFailed("upload the model to", artifact, e);
    }
    ObjectNode props = request.deepCopy();
    props.put("TrainingJobName", jobName);
    props.put("TrainingJobArn", run.arnOf("training-job", jobName));
    props.put("TrainingJobStatus", "Completed");
    props.put("SecondaryStatus", "Completed");
    props.putObject("ModelArtifacts").put("S3ModelArtifacts", artifact);
    props.set(
        "FinalMetricDataList",
        metrics(algorithm.path("MetricDefinitions"), workDir.resolve("output.log"), run.now()));
    props.put("CreationTime", start.toString());
    props.put("TrainingStartTime", start.toString());
    props.put("TrainingEndTime", run.now().toString());
    props.put("LastModifiedTime", run.now().toString());
    return props;
  }

  /** The last value each metric's regex captured in the log. */
  static ArrayNode metrics(JsonNode definitions, Path log, Instant time) {
    ArrayNode list = MAPPER.createArrayNode();
    if (!definitions.isArray() || definitions.isEmpty()) {
      return list;
    }
    String text;
    try {
      text = Files.readString(log, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + log, e);
    }
    Map<String, Double> last = new LinkedHashMap<>();
    for (JsonNode d : definitions) {
      String name = d.path("Name").asText();
      Pattern regex;
      try {
        regex = Pattern.compile(d.path("Regex").asText());
      } catch (PatternSyntaxException e) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR, "Metric " + name + " has a bad Regex: " + e.getDescription());
      }
      Matcher m = regex.matcher(text);
      while (m.find()) {
        try {
          last.put(name, Double.parseDouble(m.groupCount() >= 1 ? m.group(1) : m.group()));
        } catch (NumberFormatException e) {
          // a match that is not a number is not a metric value; keep the last number
        }
      }
    }
    last.forEach(
        (name, value) ->
            list.addObject()
                .put("MetricName", name)
                .put("Value", value)
                .put("Timestamp", time.toString()));
    return list;
  }
}
