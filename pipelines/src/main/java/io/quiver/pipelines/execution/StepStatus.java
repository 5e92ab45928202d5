package io.quiver.pipelines.execution;

/** The status of one step of an execution; {@link #name()} is SageMaker's spelling. */
public enum StepStatus {
  Starting,
  Executing,
  Stopping,
  Stopped,
  Failed,
  Succeeded;

  /** Whether the step has ended. */
  public boolean terminal() {
    return this == Stopped || this == Failed || this == Succeeded;
  }
}
