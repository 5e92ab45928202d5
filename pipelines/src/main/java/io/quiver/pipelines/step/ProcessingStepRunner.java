package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.pipelines.definition.PropertyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Processing steps without a container: inputs are copied into their {@code LocalPath}s below the
 * attempt's folder, the entrypoint runs as a local process (or a built-in processor runs in the
 * engine when the image names one), outputs are uploaded, then property files are read. Stateless.
 */
public final class ProcessingStepRunner implements StepRunner {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Map<String, BuiltinProcessor> builtins;

  /** A runner that runs {@code builtins} in-process for the images they are registered under. */
  public ProcessingStepRunner(Map<String, BuiltinProcessor> builtins) {
    this.builtins = Map.copyOf(builtins);
  }

  @Override
  public StepOutcome run(StepRun run) throws InterruptedException {
    return run(run, null);
  }

  /** Runs {@code run}'s job with {@code processor} whatever its image names. */
  static StepOutcome runWith(ProcessingStepRunner runner, StepRun run, BuiltinProcessor processor)
      throws InterruptedException {
    return runner.run(run, processor);
  }

  private StepOutcome run(StepRun run, @Nullable BuiltinProcessor forced)
      throws InterruptedException {
    Instant start = run.now();
    JsonNode args = run.arguments();
    List<String> localPaths = new ArrayList<>();
    args.path("ProcessingInputs").forEach(i -> localPaths.add(i.at("/S3Input/LocalPath").asText()));
    args.at("/ProcessingOutputConfig/Outputs")
        .forEach(o -> localPaths.add(o.at("/S3Output/LocalPath").asText()));
    localPaths.removeIf(String::isEmpty);
    ContainerPaths paths =
        new ContainerPaths(JobSupport.createFolder(run.workDir().resolve("container")), localPaths);
    Map<String, Path> inputs = copyInputs(run, args, paths);
    Map<String, Path> outputs = new LinkedHashMap<>();
    for (JsonNode o : args.at("/ProcessingOutputConfig/Outputs")) {
      String local = o.at("/S3Output/LocalPath").asText("/opt/ml/processing/output");
      outputs.put(o.path("OutputName").asText(), JobSupport.createFolder(paths.local(local)));
    }
    String image = args.at("/AppSpecification/ImageUri").asText("");
    BuiltinProcessor builtin = forced != null ? forced : builtins.get(image);
    if (builtin != null) {
      builtin.process(run, inputs, outputs);
    } else {
      runCommand(run, args, paths);
    }
    uploadOutputs(run, args, outputs);
    ObjectNode props = JobSupport.describe(run, "ProcessingJob", "processing-job", start);
    props.put("ProcessingStartTime", start.toString());
    props.put("ProcessingEndTime", run.now().toString());
    props.put("ExitMessage", "");
    props.set("PropertyFiles", propertyFiles(run, args));
    ObjectNode metadata = MAPPER.createObjectNode();
    metadata.putObject("ProcessingJob").put("Arn", run.jobArn("processing-job"));
    return new StepOutcome(props, metadata);
  }

  private static Map<String, Path> copyInputs(StepRun run, JsonNode args, ContainerPaths paths) {
    Map<String, Path> inputs = new LinkedHashMap<>();
    for (JsonNode input : args.path("ProcessingInputs")) {
      String name = input.path("InputName").asText();
      JsonNode s3 = input.get("S3Input");
      if (s3 == null) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            "Processing input '"
                + name
                + "' has no S3Input (DatasetDefinition inputs are not supported locally)");
      }
      String uri = s3.path("S3Uri").asText();
      Path local = paths.local(s3.path("LocalPath").asText("/opt/ml/processing/input/" + name));
      try {
        run.objects().download(uri, local);
      } catch (RuntimeException e) {
        throw JobSupport.transferFailed("copy processing input '" + name + "' from", uri, e);
      }
      inputs.put(name, local);
    }
    return inputs;
  }

  private static void runCommand(StepRun run, JsonNode args, ContainerPaths paths)
      throws InterruptedException {
    List<String> command = new ArrayList<>();
    command.addAll(JobSupport.strings(args.at("/AppSpecification/ContainerEntrypoint")));
    command.addAll(JobSupport.strings(args.at("/AppSpecification/ContainerArguments")));
    Map<String, String> env = JobSupport.stringMap(args.get("Environment"));
    env.put("QUIVER_CONTAINER_ROOT", paths.root().toString());
    env.put("PROCESSING_JOB_NAME", run.jobName());
    long limit = args.at("/StoppingCondition/MaxRuntimeInSeconds").asLong(0);
    LocalProcess.run(
        run,
        "Processing job " + run.jobName(),
        paths.rewrite(command),
        paths.root(),
        env,
        limit,
        LocalProcess.log(run));
  }

  private static void uploadOutputs(StepRun run, JsonNode args, Map<String, Path> outputs) {
    for (JsonNode o : args.at("/ProcessingOutputConfig/Outputs")) {
      String name = o.path("OutputName").asText();
      String uri = o.at("/S3Output/S3Uri").asText();
      try {
        run.objects().upload(outputs.get(name), uri);
      } catch (RuntimeException e) {
        throw JobSupport.transferFailed("upload processing output '" + name + "' to", uri, e);
      }
    }
  }

  private static ObjectNode propertyFiles(StepRun run, JsonNode args) {
    ObjectNode files = MAPPER.createObjectNode();
    for (PropertyFile file : run.step().propertyFiles()) {
      String base = null;
      for (JsonNode o : args.at("/ProcessingOutputConfig/Outputs")) {
        if (o.path("OutputName").asText().equals(file.outputName())) {
          base = o.at("/S3Output/S3Uri").asText();
        }
      }
      if (base == null) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            "Property file '"
                + file.name()
                + "' names output '"
                + file.outputName()
                + "', which the job does not have");
      }
      String uri = base.replaceAll("/+$", "") + "/" + file.filePath().replaceAll("^/+", "");
      try {
        MAPPER.readTree(run.objects().read(uri));
      } catch (IOException | UncheckedIOException | io.quiver.storage.error.QuiverException e) {
        throw new StepFailedException(
            FailureType.JOB_INTERNAL_ERROR,
            "Property file '"
                + file.name()
                + "' could not be read as JSON from "
                + uri
                + " (the job must write "
                + file.filePath()
                + " into output '"
                + file.outputName()
                + "')");
      }
      ObjectNode entry = files.putObject(file.name());
      entry.put("PropertyFileName", file.name());
      entry.put("OutputName", file.outputName());
      entry.put("FilePath", file.filePath());
      entry.put("S3Uri", uri);
    }
    return files;
  }
}
