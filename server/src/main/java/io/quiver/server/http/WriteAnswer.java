package io.quiver.server.http;

import io.quiver.storage.error.QuiverException;

/**
 * How a write taken into a group commit ({@link HttpApi#invokeGrouped}) ends. Exactly one method is
 * called, once, on the event loop that took the write.
 */
public interface WriteAnswer {
  /** The write was committed; {@code reply} answers it. */
  void written(HttpReply reply);

  /** The write was refused; nothing of it was written. */
  void refused(QuiverException failure);

  /**
   * The write would have had to wait (nothing of it was written): it is to be made by {@link
   * HttpApi#invoke} on a thread that may wait.
   */
  void mustWait();
}
