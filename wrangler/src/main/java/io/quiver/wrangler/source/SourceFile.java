package io.quiver.wrangler.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * One input file, local or on S3: its name for messages, its size, and ways to read it. Not
 * thread-safe.
 */
interface SourceFile {

  /** The name used in messages: the path as given, or the {@code s3://} URI. */
  String name();

  /** The size in bytes (compressed, for a compressed file), or -1 if unknown. */
  long size();

  /**
   * Opens the raw bytes.
   *
   * @throws UncheckedIOException if the file cannot be opened
   */
  InputStream openStream();

  /**
   * A local copy to read with random access (Parquet and ORC); for a remote file, a temporary
   * download that {@link FileSetSource} deletes when done with the file.
   *
   * @throws UncheckedIOException if the file cannot be copied
   */
  Path localPath();

  /** Deletes any temporary copy; idempotent. */
  default void release() {}

  /** {@code raw} decompressed if the name ends in {@code .gz}. */
  default InputStream decompress(InputStream raw) {
    if (!name().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      return raw;
    }
    try {
      return new GZIPInputStream(raw, 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name() + " as gzip", e);
    }
  }
}
