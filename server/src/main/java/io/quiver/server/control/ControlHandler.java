package io.quiver.server.control;

import org.jspecify.annotations.Nullable;

/**
 * One control-plane operation: its request shape and what it does. Stateless and thread-safe.
 *
 * @param <I> the request shape
 */
interface ControlHandler<I> {
  /** The request shape the body is read into. */
  Class<I> requestType();

  /**
   * Runs the operation.
   *
   * @return the response shape, or {@code null} for an empty object
   * @throws io.quiver.storage.error.QuiverException for failures the client should see
   */
  @Nullable Object handle(I request);
}
