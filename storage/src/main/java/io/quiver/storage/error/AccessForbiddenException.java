package io.quiver.storage.error;

/** A request was refused because its credentials or signature are not valid. */
public class AccessForbiddenException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public AccessForbiddenException(String message) {
    super(message);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.ACCESS_FORBIDDEN;
  }
}
