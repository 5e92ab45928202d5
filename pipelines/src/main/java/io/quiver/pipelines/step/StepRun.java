package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.pipelines.definition.StepDefinition;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One attempt of one step, as a {@link StepRunner} sees it: the step with its expressions resolved,
 * where to work, and how to report a started process or learn of a stop. Implemented by the
 * executor; thread-safe.
 */
public interface StepRun {
  /** The step's definition. */
  StepDefinition step();

  /** The step's {@code Arguments} with every expression resolved. */
  JsonNode arguments();

  /** The whole step with every expression resolved (for fields such as {@code FunctionArn}). */
  JsonNode resolvedStep();

  /** The job name given to this attempt, for example {@code pipelines-ab12cd34ef56-Prep-1}. */
  String jobName();

  /** The ARN of a job of {@code kind} ({@code processing-job}, ...) named {@link #jobName()}. */
  default String jobArn(String kind) {
    return arnOf(kind, jobName());
  }

  /** The ARN of a job of {@code kind} named {@code name} (a tuning job's training jobs). */
  String arnOf(String kind, String name);

  /** The execution's ARN. */
  String executionArn();

  /** The attempt number, from 1. */
  int attempt();

  /** A folder owned by this attempt, created and empty. */
  Path workDir();

  /** The current time. */
  Instant now();

  /** Where objects are read and written. */
  ObjectTransfer objects();

  /**
   * Records a process started for this attempt, so that a restart after a crash can end it, and
   * registers it to be destroyed if the execution is stopped.
   */
  void processStarted(Process process);

  /** Whether StopPipelineExecution has asked this attempt to stop. */
  boolean stopRequested();
}
