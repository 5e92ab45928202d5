package io.quiver.wrangler.flow;

import io.quiver.storage.error.ValidationException;

/**
 * A flow that cannot be read, compiled or run as written: a malformed file, a cycle, an unknown
 * node or operator, a missing input, a column of the wrong type, a stale fit. The message names the
 * node and says what is allowed.
 */
public class FlowException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public FlowException(String message) {
    super(message);
  }

  /**
   * A failure of node {@code nodeId} running operator {@code operator}: the message is prefixed
   * with both, so a user can find the node in the file.
   */
  public static FlowException atNode(String nodeId, String operator, String message) {
    return new FlowException("Node '" + nodeId + "' (" + operator + "): " + message);
  }
}
