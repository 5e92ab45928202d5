package io.quiver.storage.objectstore;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A base location holding objects under relative keys ({@code a/b/c.parquet}, always with {@code /}
 * separators, never starting with one). Thread-safe.
 *
 * <p>Failures are {@link UncheckedIOException} for local folders and {@link
 * io.quiver.storage.error.StorageException} for S3, both naming the object and keeping the cause.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * The base location, for example {@code file:///data/offline-store} or {@code
   * s3://bucket/prefix}.
   */
  String baseUri();

  /** The URI of the object at {@code key}, as external engines address it. */
  String uriOf(String key);

  /**
   * Stores {@code content} at {@code key}, replacing any object there. The object appears under
   * {@code key} only once complete: readers see the old object, no object, or the new one whole.
   *
   * @throws UncheckedIOException if a local folder cannot be written
   * @throws io.quiver.storage.error.StorageException if S3 refuses the object
   */
  void put(String key, byte[] content);

  /**
   * Stores at {@code key}, as {@link #put(String, byte[])} does, the content made of the remaining
   * bytes of {@code slices} one after the other, for writers holding an object in pieces (a Parquet
   * file and its sealed footer) that would otherwise copy them into one array. The slices'
   * positions are left as they were.
   *
   * @throws UncheckedIOException if a local folder cannot be written
   * @throws io.quiver.storage.error.StorageException if S3 refuses the object
   */
  default void put(String key, ByteBuffer[] slices) {
    put(key, concat(slices));
  }

  /**
   * Stores at {@code key} the content made of {@code slices}, as {@link #put(String, ByteBuffer[])}
   * does, without waiting for it to be durable, as {@link #putWithoutSync(String, byte[])} does.
   *
   * @throws UncheckedIOException if a local folder cannot be written
   * @throws io.quiver.storage.error.StorageException if S3 refuses the object
   */
  default void putWithoutSync(String key, ByteBuffer[] slices) {
    putWithoutSync(key, concat(slices));
  }

  /** The remaining bytes of {@code slices} in one array; the slices' positions stay. */
  private static byte[] concat(ByteBuffer[] slices) {
    int length = 0;
    for (ByteBuffer slice : slices) {
      length = Math.addExact(length, slice.remaining());
    }
    ByteBuffer content = ByteBuffer.allocate(length);
    for (ByteBuffer slice : slices) {
      content.put(slice.duplicate());
    }
    return content.array();
  }

  /**
   * Stores {@code content} at {@code key} as {@link #put} does, whole or not at all for readers,
   * but without waiting for it to be durable: after a crash of the machine the object may be
   * missing or damaged until {@link #sync} has returned for it. For writers that make many objects
   * durable in one pass and can take them back after a crash (a bulk load's manifest). S3 makes
   * every object durable on put.
   *
   * @throws UncheckedIOException if a local folder cannot be written
   * @throws io.quiver.storage.error.StorageException if S3 refuses the object
   */
  default void putWithoutSync(String key, byte[] content) {
    put(key, content);
  }

  /**
   * Makes the objects at {@code keys}, written by {@link #putWithoutSync}, and the folders holding
   * them durable.
   *
   * @throws UncheckedIOException if a local file or folder cannot be synced
   */
  default void sync(List<String> keys) {}

  /**
   * Removes the object at {@code key}, durably; nothing happens if there is none. Used only to take
   * back the files of a bulk load that did not commit.
   *
   * @throws UncheckedIOException if a local file cannot be removed
   * @throws io.quiver.storage.error.StorageException if S3 refuses the delete
   */
  void delete(String key);

  /**
   * Every object below {@code folder} (a key prefix ending at a {@code /} boundary), at any depth,
   * sorted by key; empty if the folder does not exist.
   *
   * @throws UncheckedIOException if a local folder cannot be read
   * @throws io.quiver.storage.error.StorageException if S3 cannot be listed
   */
  List<StoredObject> list(String folder);

  /**
   * The whole content of the object at {@code key}.
   *
   * @throws UncheckedIOException if a local file cannot be read
   * @throws io.quiver.storage.error.StorageException if S3 cannot return the object
   */
  byte[] read(String key);

  /**
   * Opens the object at {@code key}, of {@code length} bytes (as listed), for reads at any
   * position.
   *
   * @throws UncheckedIOException if a local file cannot be opened
   */
  ReadableObject open(String key, long length);

  /** Releases what the store holds; idempotent. */
  @Override
  void close();
}
