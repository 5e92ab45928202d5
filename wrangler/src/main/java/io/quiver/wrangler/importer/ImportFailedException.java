package io.quiver.wrangler.importer;

import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import org.jspecify.annotations.Nullable;

/**
 * An import stopped on a bad row ({@link OnError#FAIL}) or a failed write; {@link #summary()} says
 * what was committed before it.
 */
public class ImportFailedException extends QuiverException {
  private static final long serialVersionUID = 1L;

  private final transient ImportSummary summary;
  private final ErrorCode code;

  /** Creates the exception; {@code message} starts with "Cannot import". */
  public ImportFailedException(
      String message, ImportSummary summary, ErrorCode code, @Nullable Throwable cause) {
    super(message, cause);
    this.summary = summary;
    this.code = code;
  }

  /** What the import committed before it stopped. */
  public ImportSummary summary() {
    return summary;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
