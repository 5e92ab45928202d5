package io.quiver.storage.error;

/**
 * A record, record identifier or feature value is larger than SageMaker allows; reported as a
 * validation error, with the measured size and the limit.
 */
public class SizeLimitExceededException extends ValidationException {
  private static final long serialVersionUID = 1L;

  private final long actualBytes;
  private final long limitBytes;

  /** Creates the exception for {@code what} of {@code actualBytes}, above {@code limitBytes}. */
  public SizeLimitExceededException(String what, long actualBytes, long limitBytes) {
    super(
        "Cannot accept "
            + what
            + ": size limit exceeded, "
            + actualBytes
            + " bytes (expected: <= "
            + limitBytes
            + " bytes)");
    this.actualBytes = actualBytes;
    this.limitBytes = limitBytes;
  }

  /** The measured size in bytes. */
  public long actualBytes() {
    return actualBytes;
  }

  /** The limit in bytes. */
  public long limitBytes() {
    return limitBytes;
  }
}
