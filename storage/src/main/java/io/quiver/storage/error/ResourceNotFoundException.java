package io.quiver.storage.error;

/** A feature group (or feature) named by a request does not exist. */
public class ResourceNotFoundException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public ResourceNotFoundException(String message) {
    super(message);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.RESOURCE_NOT_FOUND;
  }
}
