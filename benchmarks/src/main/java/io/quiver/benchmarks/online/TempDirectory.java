package io.quiver.benchmarks.online;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory deleted, with everything in it, on close. Not thread-safe. */
final class TempDirectory implements AutoCloseable {
  private final Path path;
  private boolean closed;

  private TempDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates an empty directory under {@code java.io.tmpdir} whose name starts with {@code prefix}.
   */
  static TempDirectory create(String prefix) {
    try {
      return new TempDirectory(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory", e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete temporary directory " + path, e);
    }
  }
}
