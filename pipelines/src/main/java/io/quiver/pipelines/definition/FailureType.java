package io.quiver.pipelines.definition;

/**
 * The failure types a step attempt ends with and {@link RetryPolicy} names: SageMaker's spelling.
 */
public final class FailureType {
  private FailureType() {}

  /** The engine failed around the step (including a restart that interrupted it). */
  public static final String SERVICE_FAULT = "Step.SERVICE_FAULT";

  /** A call was throttled. */
  public static final String THROTTLING = "Step.THROTTLING";

  /** The job itself failed: the local process exited non-zero, a check found a violation. */
  public static final String JOB_INTERNAL_ERROR = "SageMaker.JOB_INTERNAL_ERROR";

  /** Not enough capacity to start the job. */
  public static final String CAPACITY_ERROR = "SageMaker.CAPACITY_ERROR";

  /** A resource limit was reached. */
  public static final String RESOURCE_LIMIT = "SageMaker.RESOURCE_LIMIT";

  /** An EMR resource limit was reached. */
  public static final String EMR_RESOURCE_LIMIT = "Emr.RESOURCE_LIMIT";

  /** A failure no policy retries: bad arguments, unknown references, a Fail step. */
  public static final String CLIENT_ERROR = "Step.CLIENT_ERROR";
}
