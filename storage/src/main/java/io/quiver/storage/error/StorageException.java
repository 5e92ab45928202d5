package io.quiver.storage.error;

import org.jspecify.annotations.Nullable;

/** The storage layer failed (I/O, RocksDB); the request may be retried. */
public class StorageException extends QuiverException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for a failure found by Quiver itself. */
  public StorageException(String message) {
    super(message);
  }

  /** Creates the exception, keeping the third-party cause. */
  public StorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.INTERNAL_FAILURE;
  }
}
