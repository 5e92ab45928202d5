package io.quiver.pipelines.step;

import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;

/** A step attempt failed; {@link #failureType()} is what retry policies match. */
public class StepFailedException extends QuiverException {
  private static final long serialVersionUID = 1L;
  private final String failureType;

  /**
   * Creates the exception.
   *
   * @param failureType one of {@link io.quiver.pipelines.definition.FailureType}'s constants
   * @param message the step's FailureReason: what went wrong and, when it helps, what to do
   */
  public StepFailedException(String failureType, String message) {
    super(message);
    this.failureType = failureType;
  }

  /** The failure type, for example {@code SageMaker.JOB_INTERNAL_ERROR}. */
  public String failureType() {
    return failureType;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.VALIDATION;
  }
}
