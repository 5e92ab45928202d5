package io.quiver.pipelines.definition;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A step's retry policy: which failures it retries, how long it waits before each new attempt and
 * when it gives up.
 *
 * @param exceptionTypes the failure types retried, for example {@code SageMaker.CAPACITY_ERROR}
 * @param intervalSeconds the wait before the first retry
 * @param backoffRate the factor each further wait grows by
 * @param maxAttempts the most retries, or {@code null} when {@code expireAfterMin} limits them
 * @param expireAfterMin minutes after the first attempt's start past which no retry starts, or
 *     {@code null}
 */
public record RetryPolicy(
    List<String> exceptionTypes,
    long intervalSeconds,
    double backoffRate,
    @Nullable Integer maxAttempts,
    @Nullable Integer expireAfterMin) {

  /** Failure types a policy may name. */
  public static final Set<String> EXCEPTION_TYPES =
      Set.of(
          FailureType.SERVICE_FAULT,
          FailureType.THROTTLING,
          FailureType.JOB_INTERNAL_ERROR,
          FailureType.CAPACITY_ERROR,
          FailureType.RESOURCE_LIMIT,
          FailureType.EMR_RESOURCE_LIMIT);

  public static final long INTERVAL_SECONDS_DEFAULT = 1;
  public static final long INTERVAL_SECONDS_MAX = 43_200;
  public static final double BACKOFF_RATE_DEFAULT = 2.0;
  public static final int MAX_ATTEMPTS_DEFAULT = 5;
  public static final int MAX_ATTEMPTS_MAX = 20;
  public static final int EXPIRE_AFTER_MIN_MAX = 14_400;

  /** Checks the parts. */
  public RetryPolicy {
    exceptionTypes = List.copyOf(exceptionTypes);
  }

  /** Whether a failure of {@code failureType} is retried by this policy. */
  public boolean matches(String failureType) {
    return exceptionTypes.contains(failureType);
  }

  /**
   * The wait before retry {@code retry} (1 for the first retry): {@code IntervalSeconds *
   * BackoffRate^(retry-1)}, capped at {@link #INTERVAL_SECONDS_MAX}.
   */
  public Duration delayBefore(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry: " + retry + " (expected: >= 1)");
    }
    double seconds = intervalSeconds * Math.pow(backoffRate, retry - 1);
    double capped = Math.min(seconds, INTERVAL_SECONDS_MAX);
    return Duration.ofMillis(Math.round(capped * 1000));
  }

  /**
   * Whether retry {@code retry} may start: within {@code MaxAttempts} (default 5) or, with {@code
   * ExpireAfterMin}, while {@code sinceFirstStart} plus the wait is inside the limit.
   */
  public boolean allows(int retry, Duration sinceFirstStart) {
    if (expireAfterMin != null) {
      return sinceFirstStart.plus(delayBefore(retry)).compareTo(Duration.ofMinutes(expireAfterMin))
          <= 0;
    }
    return retry <= (maxAttempts == null ? MAX_ATTEMPTS_DEFAULT : maxAttempts);
  }
}
