package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.document.JsonDocuments;
import io.quiver.storage.error.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pipelines folder of a data directory (format in docs/format/pipelines.md): {@code
 * format.json}, {@code pipelines/<name>.json}, {@code executions/<id>/execution.json} and {@code
 * journal.log}, {@code work/<id>/...} for step attempts. Thread-safe.
 */
final class PipelineFiles {
  /** The version of the folder's format this code reads and writes. */
  static final int FORMAT_VERSION = 1;

  private final Path root;
  private final FileChannel lockChannel;

  private PipelineFiles(Path root, FileChannel lockChannel) {
    this.root = root;
    this.lockChannel = lockChannel;
  }

  /**
   * Opens (creating) the folder at {@code root}.
   *
   * @throws StorageException if it holds a format this code does not read
   */
  static PipelineFiles open(Path root) {
    FileChannel lock = lock(root);
    try {
      checkFormat(root);
    } catch (RuntimeException e) {
      close(lock);
      throw e;
    }
    return new PipelineFiles(root, lock);
  }

  /** Takes the folder's lock: two engines on one folder would corrupt each other's journals. */
  private static FileChannel lock(Path root) {
    try {
      Files.createDirectories(root);
      FileChannel channel =
          FileChannel.open(
              root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new StorageException(
            "Cannot open the pipelines folder "
                + root
                + ": another Quiver engine is using it (stop it, or use another data directory)");
      }
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + root, e);
    }
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the pipelines folder lock", e);
    }
  }

  /** Releases the folder's lock. */
  void close() {
    close(lockChannel);
  }

  private static void checkFormat(Path root) {
    Path format = root.resolve("format.json");
    if (Files.exists(format)) {
      JsonNode node = JsonDocuments.read(format);
      int version = node.path("formatVersion").asInt(-1);
      if (version != FORMAT_VERSION) {
        throw new StorageException(
            "Cannot open the pipelines folder "
                + root
                + ": its format version is "
                + version
                + " (expected: "
                + FORMAT_VERSION
                + "; use the Quiver release that wrote it)");
      }
    } else {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("format", "quiver-pipelines");
      node.put("formatVersion", FORMAT_VERSION);
      JsonDocuments.write(format, node);
    }
  }

  Path root() {
    return root;
  }

  Path pipeline(String name) {
    return root.resolve("pipelines").resolve(name + ".json");
  }

  List<JsonNode> pipelines() {
    return documents(root.resolve("pipelines"));
  }

  Path executionFolder(String id) {
    return root.resolve("executions").resolve(id);
  }

  Path header(String id) {
    return executionFolder(id).resolve("execution.json");
  }

  Path journal(String id) {
    return executionFolder(id).resolve("journal.log");
  }

  /** Every execution id with a header, sorted. */
  List<String> executionIds() {
    Path folder = root.resolve("executions");
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return ids;
    }
    try (Stream<Path> list = Files.list(folder)) {
      list.filter(p -> Files.exists(p.resolve("execution.json")))
          .forEach(p -> ids.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
    ids.sort(null);
    return ids;
  }

  Path workFolder(String executionId, String step, int attempt) {
    return root.resolve("work").resolve(executionId).resolve(step).resolve("attempt-" + attempt);
  }

  Path registry() {
    return root.resolve("registry");
  }

  private static List<JsonNode> documents(Path folder) {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (Stream<Path> list = Files.list(folder)) {
      for (Path p : (Iterable<Path>) list.sorted()::iterator) {
        if (p.getFileName().toString().endsWith(".json")) {
          out.add(JsonDocuments.read(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
    return out;
  }

  static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }
}
