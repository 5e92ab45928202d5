package io.quiver.pipelines.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quiver.storage.error.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole JSON documents replaced atomically: written to a temporary file, forced, renamed over the
 * old one, and the folder forced, so a reader after any crash sees the old document or the new one
 * whole. Stateless and thread-safe for distinct paths.
 */
public final class JsonDocuments {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonDocuments() {}

  /** Writes {@code document} to {@code path}, replacing it atomically. */
  public static void write(Path path, JsonNode document) {
    try {
      Files.createDirectories(path.getParent());
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.write(tmp, MAPPER.writeValueAsBytes(document));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      forceFolder(path.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }

  /**
   * The document at {@code path}.
   *
   * @throws StorageException if it is not JSON (damaged)
   */
  public static JsonNode read(Path path) {
    try {
      return MAPPER.readTree(Files.readAllBytes(path));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new StorageException("Cannot read " + path + ": it is damaged (not JSON)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  /** Forces a folder's entries (a rename or a new file) to disk. */
  public static void forceFolder(Path folder) {
    try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot open folders for reading; the rename is then as durable as they
      // allow.
    }
  }
}
