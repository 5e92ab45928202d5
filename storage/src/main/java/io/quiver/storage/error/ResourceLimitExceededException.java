package io.quiver.storage.error;

/** A quota, such as the number of feature groups, would be exceeded. */
public class ResourceLimitExceededException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public ResourceLimitExceededException(String message) {
    super(message);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.RESOURCE_LIMIT_EXCEEDED;
  }
}
