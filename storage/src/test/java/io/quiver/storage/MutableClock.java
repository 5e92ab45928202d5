package io.quiver.storage;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand, so TTL is tested without sleeping. Thread-safe. */
public final class MutableClock implements InstantSource {
  private final AtomicReference<Instant> now;

  private MutableClock(Instant start) {
    this.now = new AtomicReference<>(requireNonNull(start, "start"));
  }

  /** A clock standing at {@code start}. */
  public static MutableClock at(Instant start) {
    return new MutableClock(start);
  }

  /** A clock standing at {@code epochSecond} seconds after the Unix epoch. */
  public static MutableClock atEpochSecond(long epochSecond) {
    return at(Instant.ofEpochSecond(epochSecond));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /** Moves the clock forward by {@code step}. */
  public void advance(Duration step) {
    now.updateAndGet(t -> t.plus(step));
  }

  /** Moves the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(requireNonNull(instant, "instant"));
  }
}
