package io.quiver.storage.error;

/**
 * A request was refused because the service cannot take it now (for example, it is stopping); the
 * same request may succeed when retried, against this or another endpoint.
 */
public class ServiceUnavailableException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public ServiceUnavailableException(String message) {
    super(message);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.SERVICE_UNAVAILABLE;
  }
}
