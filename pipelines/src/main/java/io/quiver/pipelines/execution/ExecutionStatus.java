package io.quiver.pipelines.execution;

/** The status of a pipeline execution; {@link #name()} is SageMaker's spelling. */
public enum ExecutionStatus {
  Executing,
  Stopping,
  Stopped,
  Failed,
  Succeeded;

  /** Whether the execution has ended. */
  public boolean terminal() {
    return this == Stopped || this == Failed || this == Succeeded;
  }
}
