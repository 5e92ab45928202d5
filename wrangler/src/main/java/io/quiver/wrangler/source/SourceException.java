package io.quiver.wrangler.source;

import io.quiver.storage.error.ValidationException;

/**
 * An input cannot be read as its format says: malformed CSV or JSON, an unreadable Parquet or ORC
 * file, a failed JDBC query. The message names the input and, where known, the position.
 */
public class SourceException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} starts with "Cannot read". */
  public SourceException(String message) {
    super(message);
  }

  /** Creates the exception, keeping the third-party cause. */
  public SourceException(String message, Throwable cause) {
    super(message);
    initCause(cause);
  }
}
