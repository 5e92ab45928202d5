package io.quiver.pipelines.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backoff and limits of retry policies, against hand-worked waits. */
class RetryPolicyTest {
  @Test
  void waitsGrowByTheBackoffRate() {
    RetryPolicy p = new RetryPolicy(List.of(FailureType.CAPACITY_ERROR), 10, 2.0, 3, null);

    assertThat(p.delayBefore(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.delayBefore(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(p.delayBefore(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(new RetryPolicy(List.of(), 3, 1.5, null, null).delayBefore(3))
        .isEqualTo(Duration.ofMillis(6750));
  }

  @Test
  void waitsAreCappedAtTwelveHours() {
    assertThat(new RetryPolicy(List.of(), 40_000, 2.0, 5, null).delayBefore(2))
        .isEqualTo(Duration.ofSeconds(43_200));
  }

  @Test
  void maxAttemptsCountsRetries() {
    RetryPolicy p = new RetryPolicy(List.of(), 1, 2.0, 2, null);

    assertThat(p.allows(1, Duration.ZERO)).isTrue();
    assertThat(p.allows(2, Duration.ZERO)).isTrue();
    assertThat(p.allows(3, Duration.ZERO)).isFalse();
    assertThat(new RetryPolicy(List.of(), 1, 2.0, null, null).allows(5, Duration.ZERO)).isTrue();
    assertThat(new RetryPolicy(List.of(), 1, 2.0, null, null).allows(6, Duration.ZERO)).isFalse();
  }

  @Test
  void expireAfterMinBoundsTheTimeSinceTheFirstAttempt() {
    RetryPolicy p = new RetryPolicy(List.of(), 60, 1.0, null, 5);

    assertThat(p.allows(10, Duration.ofMinutes(3))).isTrue();
    assertThat(p.allows(10, Duration.ofMinutes(4))).isTrue();
    assertThat(p.allows(10, Duration.ofSeconds(241))).isFalse();
  }

  @Test
  void matchesOnlyItsExceptionTypes() {
    RetryPolicy p =
        new RetryPolicy(
            List.of(FailureType.THROTTLING, FailureType.SERVICE_FAULT), 1, 2.0, 1, null);

    assertThat(p.matches("Step.THROTTLING")).isTrue();
    assertThat(p.matches("Step.SERVICE_FAULT")).isTrue();
    assertThat(p.matches("SageMaker.JOB_INTERNAL_ERROR")).isFalse();
  }
}
