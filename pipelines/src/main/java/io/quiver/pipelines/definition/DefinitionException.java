package io.quiver.pipelines.definition;

import io.quiver.storage.error.ValidationException;

/** A pipeline definition breaks a rule; the message names the step or parameter and the problem. */
public class DefinitionException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public DefinitionException(String message) {
    super(message);
  }
}
