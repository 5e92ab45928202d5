package io.quiver.storage.error;

/**
 * A file's content is damaged or is not in the format it should be (a failed page checksum, a
 * truncated footer, a column that does not decompress); the message names the file. Retrying does
 * not help: restore the file or remove it.
 */
public class CorruptFileException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception, keeping the cause found by the decoder. */
  public CorruptFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
