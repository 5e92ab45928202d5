package io.quiver.storage.error;

/** A request broke a validation rule; nothing was written. */
public class ValidationException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public ValidationException(String message) {
    super(message);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.VALIDATION;
  }
}
