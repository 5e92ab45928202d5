package io.quiver.storage.error;

/** A feature group with the requested name already exists. */
public class ResourceInUseException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what is allowed. */
  public ResourceInUseException(String message) {
    super(message);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.RESOURCE_IN_USE;
  }
}
