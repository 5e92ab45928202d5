package io.quiver.storage.error;

/** A request was refused because its API is over its throughput limit. */
public class ThrottlingException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public ThrottlingException(String message) {
    super(message);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.THROTTLING;
  }
}
