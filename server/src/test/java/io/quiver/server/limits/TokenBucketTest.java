package io.quiver.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

  @Test
  void fullBucketAllowsOneSecondOfBurstThenRefuses() {
    TokenBucket bucket = new TokenBucket(5, now::get);
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.tryAcquire()).as("token %s", i).isTrue();
    }
    assertThat(bucket.tryAcquire()).isFalse();
  }

  @Test
  void refillsAtTheRate() {
    TokenBucket bucket = new TokenBucket(10, now::get);
    while (bucket.tryAcquire()) {
      // drain
    }
    now.addAndGet(100_000_000L); // 100 ms = one token at 10/s
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isFalse();
  }

  @Test
  void neverHoldsMoreThanOneSecondOfTokens() {
    TokenBucket bucket = new TokenBucket(3, now::get);
    now.addAndGet(3_600_000_000_000L);
    int granted = 0;
    while (bucket.tryAcquire()) {
      granted++;
    }
    assertThat(granted).isEqualTo(3);
  }

  @Test
  void tryAcquireUpToTakesWhatIsThereAndSaysWhenTheRestWillBe() {
    TokenBucket bucket = new TokenBucket(10, now::get);
    assertThat(bucket.tryAcquireUpTo(4)).isEqualTo(4);
    assertThat(bucket.tryAcquireUpTo(100)).isEqualTo(6);
    assertThat(bucket.tryAcquireUpTo(1)).isZero();
    assertThat(bucket.nanosUntilAvailable(3)).isEqualTo(300_000_000L);

    now.addAndGet(250_000_000L);
    assertThat(bucket.nanosUntilAvailable(3)).isEqualTo(50_000_000L);
    assertThat(bucket.tryAcquireUpTo(5)).isEqualTo(2);
    assertThat(bucket.tryAcquire()).isFalse();
  }

  @Test
  void rejectsNonPositiveRate() {
    assertThatThrownBy(() -> new TokenBucket(0, now::get)).hasMessageContaining("ratePerSecond: 0");
  }
}
