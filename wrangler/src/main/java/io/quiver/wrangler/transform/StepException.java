package io.quiver.wrangler.transform;

import io.quiver.wrangler.flow.FlowException;

/**
 * A step's parameters or data break one of its rules. The message does not name the node: the
 * executor adds the node's id and operator before a user sees it.
 */
public final class StepException extends FlowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public StepException(String message) {
    super(message);
  }
}
