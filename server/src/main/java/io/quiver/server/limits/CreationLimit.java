package io.quiver.server.limits;

import io.quiver.storage.error.ResourceLimitExceededException;
import java.util.concurrent.Semaphore;

/**
 * The cap on feature groups being created at once (SageMaker allows 4 concurrent creation
 * workflows). Thread-safe.
 */
public final class CreationLimit {
  private final int max;
  private final Semaphore permits;

  /**
   * Creates the limit.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public CreationLimit(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max: " + max + " (expected: > 0)");
    }
    this.max = max;
    this.permits = new Semaphore(max);
  }

  /**
   * Takes a creation slot, released by closing the returned permit.
   *
   * @throws ResourceLimitExceededException if {@code max} creations are already running
   */
  public Permit acquire() {
    if (!permits.tryAcquire()) {
      throw new ResourceLimitExceededException(
          "Cannot create feature group: "
              + max
              + " feature groups are being created already (expected: at most "
              + max
              + " at once); retry when one finishes");
    }
    return new Permit(permits);
  }

  /** A held creation slot; closing it twice releases once. Not thread-safe. */
  public static final class Permit implements AutoCloseable {
    private final Semaphore permits;
    private boolean released;

    private Permit(Semaphore permits) {
      this.permits = permits;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        permits.release();
      }
    }
  }
}
