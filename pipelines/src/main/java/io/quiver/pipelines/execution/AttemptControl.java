package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.pipelines.definition.StepDefinition;
import io.quiver.pipelines.step.ObjectTransfer;
import io.quiver.pipelines.step.StepRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One running attempt of a job step: what its runner sees ({@link StepRun}) and the handle the
 * execution stops it by. Thread-safe.
 */
final class AttemptControl implements StepRun {
  private final ExecutionRunner owner;
  private final StepDefinition step;
  private final JsonNode arguments;
  private final JsonNode resolvedStep;
  private final String jobName;
  private final int attempt;
  private final Path workDir;
  private final List<Process> processes = new ArrayList<>();
  private volatile boolean stopRequested;

  AttemptControl(
      ExecutionRunner owner,
      StepDefinition step,
      JsonNode arguments,
      JsonNode resolvedStep,
      String jobName,
      int attempt,
      Path workDir) {
    this.owner = owner;
    this.step = step;
    this.arguments = arguments;
    this.resolvedStep = resolvedStep;
    this.jobName = jobName;
    this.attempt = attempt;
    this.workDir = workDir;
  }

  /** Empties the attempt's folder, which a crashed run of the same attempt may have left. */
  void prepare() {
    try {
      if (Files.exists(workDir)) {
        try (Stream<Path> walk = Files.walk(workDir)) {
          for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + workDir, e);
    }
  }

  void stop() {
    stopRequested = true;
    synchronized (processes) {
      processes.forEach(AttemptControl::destroy);
    }
  }

  static void destroy(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  @Override
  public StepDefinition step() {
    return step;
  }

  @Override
  public JsonNode arguments() {
    return arguments;
  }

  @Override
  public JsonNode resolvedStep() {
    return resolvedStep;
  }

  @Override
  public String jobName() {
    return jobName;
  }

  @Override
  public String arnOf(String kind, String name) {
    EngineServices s = owner.services();
    return "arn:aws:sagemaker:"
        + s.region()
        + ":"
        + s.account()
        + ":"
        + kind
        + "/"
        + name.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String executionArn() {
    return owner.header().executionArn();
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  @Override
  public Instant now() {
    return owner.clockNow();
  }

  @Override
  public ObjectTransfer objects() {
    return owner.services().objects();
  }

  @Override
  public void processStarted(Process process) {
    synchronized (processes) {
      processes.add(process);
      if (stopRequested) {
        destroy(process);
      }
    }
    owner.processStarted(step.name(), this, process);
  }

  @Override
  public boolean stopRequested() {
    return stopRequested;
  }
}
