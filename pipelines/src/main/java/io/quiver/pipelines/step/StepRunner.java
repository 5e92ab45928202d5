package io.quiver.pipelines.step;

/**
 * Runs one attempt of one step type. Implementations are stateless and thread-safe; one runner
 * serves every step of its type.
 */
public interface StepRunner {
  /**
   * Runs the attempt {@code run} describes, blocking until it ends.
   *
   * @return the step's properties and metadata
   * @throws StepFailedException if the attempt failed, with the failure type retry policies match
   * @throws InterruptedException if the engine closes while the step runs
   */
  StepOutcome run(StepRun run) throws InterruptedException;
}
