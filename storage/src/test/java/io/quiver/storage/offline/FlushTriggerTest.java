package io.quiver.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FlushTriggerTest {
  final MutableClock clock = MutableClock.at(Instant.parse("2024-01-01T00:00:00Z"));
  final AtomicInteger wakes = new AtomicInteger();
  final FlushTrigger trigger = new FlushTrigger(1_000, 60_000, clock, wakes::incrementAndGet);

  @Test
  void nothingStagedIsNeverDue() {
    clock.advance(Duration.ofHours(1));
    assertThat(trigger.due()).isFalse();
  }

  @Test
  void crossingTheSizeWakesTheFlusherOnceAndIsDue() {
    trigger.staged(600);
    assertThat(wakes).hasValue(0);
    assertThat(trigger.due()).isFalse();
    trigger.staged(600);
    trigger.staged(600);
    assertThat(wakes).hasValue(1);
    assertThat(trigger.due()).isTrue();
  }

  @Test
  void ageOfTheOldestStagedRecordMakesAFlushDue() {
    trigger.staged(10);
    clock.advance(Duration.ofSeconds(59));
    trigger.staged(10);
    assertThat(trigger.due()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(trigger.due()).isTrue();
  }

  @Test
  void aDrainingFlushResetsSizeAndAge() {
    trigger.staged(10);
    clock.advance(Duration.ofSeconds(30));
    long token = trigger.flushStarting();
    trigger.flushed(10);
    trigger.drained(token);
    clock.advance(Duration.ofHours(1));
    assertThat(trigger.due()).isFalse();
  }

  @Test
  void recordsStagedDuringAFlushAgeFromItsStart() {
    trigger.staged(10);
    long token = trigger.flushStarting();
    clock.advance(Duration.ofSeconds(1));
    trigger.staged(10); // missed by the flush
    trigger.flushed(10);
    trigger.drained(token);
    clock.advance(Duration.ofSeconds(59));
    assertThat(trigger.due()).isTrue();
  }
}
