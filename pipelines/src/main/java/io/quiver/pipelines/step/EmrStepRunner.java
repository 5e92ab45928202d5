package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EMR steps on a local Spark: the step's {@code HadoopJarStep} runs through {@code spark-submit
 * --master local[2]}. With {@code command-runner.jar} the arguments are the command ({@code
 * spark-submit ...}); otherwise the jar runs with its {@code MainClass}, {@code Properties} as
 * {@code --conf}. {@code s3://} arguments are copied to local files first. Thread-safe.
 */
public final class EmrStepRunner implements StepRunner {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path sparkSubmit;

  /** Runs steps with {@code sparkSubmit}. */
  public EmrStepRunner(Path sparkSubmit) {
    this.sparkSubmit = sparkSubmit;
  }

  @Override
  public StepOutcome run(StepRun run) throws InterruptedException {
    JsonNode step = run.arguments().path("StepConfig");
    JsonNode jar = step.path("HadoopJarStep");
    Path files = JobSupport.createFolder(run.workDir().resolve("files"));
    List<String> args = new ArrayList<>();
    for (String a : JobSupport.strings(jar.path("Args"))) {
      args.add(local(run, a, files));
    }
    List<String> command = new ArrayList<>();
    command.add(sparkSubmit.toString());
    String jarName = jar.path("Jar").asText("");
    if (jarName.endsWith("command-runner.jar")) {
      if (args.isEmpty() || !args.get(0).equals("spark-submit")) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            "EMR step runs command-runner.jar with "
                + args
                + "; only spark-submit commands run locally");
      }
      args.remove(0);
      if (!args.contains("--master")) {
        command.add("--master");
        command.add("local[2]");
      }
      command.addAll(args);
    } else {
      command.add("--master");
      command.add("local[2]");
      if (jar.hasNonNull("MainClass")) {
        command.add("--class");
        command.add(jar.get("MainClass").asText());
      }
      for (JsonNode p : jar.path("Properties")) {
        command.add("--conf");
        command.add(p.path("Key").asText() + "=" + p.path("Value").asText());
      }
      command.add(local(run, jarName, files));
      command.addAll(args);
    }
    LocalProcess.run(
        run,
        "EMR step " + run.jobName(),
        command,
        run.workDir(),
        Map.of(),
        0,
        LocalProcess.log(run));
    ObjectNode props = MAPPER.createObjectNode();
    ObjectNode described = props.putObject("Step");
    described.put("Id", run.jobName());
    described.put("Name", step.path("Name").asText(run.jobName()));
    described.set("Config", jar);
    described.putObject("Status").put("State", "COMPLETED");
    props.put("ClusterId", run.arguments().path("ClusterId").asText("local"));
    ObjectNode metadata = MAPPER.createObjectNode();
    metadata
        .putObject("EMR")
        .put("ClusterId", props.get("ClusterId").asText())
        .put("StepId", run.jobName())
        .put("StepName", described.get("Name").asText())
        .put("LogFilePath", LocalProcess.log(run).toUri().toString());
    return new StepOutcome(props, metadata);
  }

  private static String local(StepRun run, String arg, Path files) {
    if (!arg.startsWith("s3://")) {
      return arg;
    }
    Path target = files.resolve(arg.substring(arg.lastIndexOf('/') + 1));
    try {
      java.nio.file.Files.write(target, run.objects().read(arg));
    } catch (java.io.IOException | RuntimeException e) {
      throw JobSupport.transferFailed(
          "copy", arg, e instanceof RuntimeException r ? r : new RuntimeException(e));
    }
    return target.toString();
  }
}
