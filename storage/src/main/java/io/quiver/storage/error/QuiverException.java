package io.quiver.storage.error;

import org.jspecify.annotations.Nullable;

/** Root of Quiver's unchecked exception hierarchy; each subclass names one SageMaker error code. */
public abstract class QuiverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected QuiverException(String message) {
    super(message);
  }

  protected QuiverException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** The message, never null: every Quiver exception is made with one. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }

  /** The SageMaker error code this failure is reported as. */
  public abstract ErrorCode code();
}
