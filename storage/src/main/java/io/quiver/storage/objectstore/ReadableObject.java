package io.quiver.storage.objectstore;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One object opened for reading at any position: a local file, or an S3 object read with ranged
 * GETs, so that a reader fetches only the parts it needs (a Parquet footer, the column chunks of a
 * projection). Thread-safe; close it to release a local file handle.
 */
public interface ReadableObject extends AutoCloseable {

  /**
   * Opens a local file.
   *
   * @throws UncheckedIOException if it cannot be opened
   */
  static ReadableObject local(Path file) {
    return LocalReadableObject.open(file);
  }

  /** The object's URI ({@code file:///...} or {@code s3://bucket/key}), for messages. */
  String uri();

  /** The object's size in bytes. */
  long length();

  /**
   * Fills {@code into} (its remaining bytes) with the object's bytes from {@code position}.
   *
   * @throws IllegalArgumentException if the range is not inside the object
   * @throws UncheckedIOException if a local file cannot be read
   * @throws io.quiver.storage.error.StorageException if S3 cannot return the range
   */
  void read(long position, ByteBuffer into);

  /** Releases the object; idempotent. */
  @Override
  void close();
}
