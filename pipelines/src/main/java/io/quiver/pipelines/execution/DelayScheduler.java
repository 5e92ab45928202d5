package io.quiver.pipelines.execution;

import java.time.Duration;

/**
 * Runs a task after a delay: how retries wait out their backoff. Injected so tests can observe the
 * waits without sleeping. Implementations are thread-safe.
 */
@FunctionalInterface
public interface DelayScheduler {
  /** Runs {@code task} once, {@code delay} from now, on some thread. */
  void schedule(Duration delay, Runnable task);
}
