package io.quiver.pipelines.expression;

import io.quiver.storage.error.ValidationException;

/** An expression could not be evaluated: an undefined reference, a missing file or path. */
public class ExpressionException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public ExpressionException(String message) {
    super(message);
  }
}
