package io.quiver.pipelines.step;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.pipelines.registry.ModelRegistry;
import io.quiver.storage.error.QuiverException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Transform (batch inference) steps as a local command: the model's artifact is unpacked into
 * {@code /opt/ml/model}, the input copied into {@code /opt/ml/transform/input}, and the command
 * named by {@code QUIVER_COMMAND} in the model's container environment (or the transform's, which
 * wins) writes {@code /opt/ml/transform/output}, which is uploaded to {@code S3OutputPath}. The
 * command is a JSON array of strings or a whitespace-separated line. Thread-safe.
 */
public final class TransformStepRunner implements StepRunner {
  /** The environment variable holding the inference command. */
  public static final String COMMAND_VARIABLE = "QUIVER_COMMAND";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ModelRegistry registry;

  /** Finds models in {@code registry}. */
  public TransformStepRunner(ModelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public StepOutcome run(StepRun run) throws InterruptedException {
    Instant start = run.now();
    JsonNode args = run.arguments();
    String what = "Transform job " + run.jobName();
    String modelName = JobSupport.requiredText(args, "/ModelName", what);
    ObjectNode model;
    try {
      model = registry.describeModel(modelName);
    } catch (QuiverException e) {
      throw new StepFailedException(FailureType.CLIENT_ERROR, what + ": " + e.getMessage());
    }
    JsonNode container =
        model.has("PrimaryContainer")
            ? model.get("PrimaryContainer")
            : model.path("Containers").path(0);
    ContainerPaths paths =
        new ContainerPaths(JobSupport.createFolder(run.workDir().resolve("container")), List.of());
    Path modelDir = JobSupport.createFolder(paths.local("/opt/ml/model"));
    String modelData = container.path("ModelDataUrl").asText("");
    if (!modelData.isEmpty()) {
      try {
        ModelArtifacts.unpack(run.objects().read(modelData), modelDir);
      } catch (RuntimeException e) {
        throw JobSupport.transferFailed("unpack the model from", modelData, e);
      }
    }
    Path input = JobSupport.createFolder(paths.local("/opt/ml/transform/input"));
    Path output = JobSupport.createFolder(paths.local("/opt/ml/transform/output"));
    String inputUri =
        JobSupport.requiredText(args, "/TransformInput/DataSource/S3DataSource/S3Uri", what);
    try {
      run.objects().download(inputUri, input);
    } catch (RuntimeException e) {
      throw JobSupport.transferFailed("copy the transform input from", inputUri, e);
    }
    Map<String, String> env = JobSupport.stringMap(container.get("Environment"));
    env.putAll(JobSupport.stringMap(args.get("Environment")));
    env.put("SM_MODEL_DIR", modelDir.toString());
    env.put("SM_INPUT_DIR", input.toString());
    env.put("SM_OUTPUT_DIR", output.toString());
    env.put("QUIVER_CONTAINER_ROOT", paths.root().toString());
    List<String> command = command(what, env.remove(COMMAND_VARIABLE));
    LocalProcess.run(
        run, what, paths.rewrite(command), paths.root(), env, 0, LocalProcess.log(run));
    String outputUri = JobSupport.requiredText(args, "/TransformOutput/S3OutputPath", what);
    try {
      run.objects().upload(output, outputUri);
    } catch (RuntimeException e) {
      throw JobSupport.transferFailed("upload the transform output to", outputUri, e);
    }
    ObjectNode props = JobSupport.describe(run, "TransformJob", "transform-job", start);
    props.put("TransformStartTime", start.toString());
    props.put("TransformEndTime", run.now().toString());
    ObjectNode metadata = MAPPER.createObjectNode();
    metadata.putObject("TransformJob").put("Arn", run.jobArn("transform-job"));
    return new StepOutcome(props, metadata);
  }

  private static List<String> command(String what, String text) {
    if (text == null || text.isBlank()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          what
              + " has no command: set "
              + COMMAND_VARIABLE
              + " in the model's container Environment (Quiver runs inference as a local command)");
    }
    String t = text.strip();
    if (t.startsWith("[")) {
      try {
        return JobSupport.strings(MAPPER.readTree(t));
      } catch (JsonProcessingException e) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            what + ": " + COMMAND_VARIABLE + " is not a JSON array of strings");
      }
    }
    return new ArrayList<>(Arrays.asList(t.split("\\s+")));
  }
}
