package io.quiver.storage.objectstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} on a local folder. A put writes a hidden temporary file next to the
 * target ({@code .<name>.tmp}), fsyncs it, renames it atomically over the target and fsyncs the
 * folder, so a crash leaves either the old file or the new one whole (and at worst a hidden
 * temporary file, which readers globbing {@code *.parquet} ignore and the next put of the same key
 * replaces). Thread-safe for distinct keys; concurrent puts of one key are not supported.
 */
final class LocalObjectStore implements ObjectStore {
  private final Path root;

  LocalObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String baseUri() {
    return trimSlash(root.toUri().toString());
  }

  @Override
  public String uriOf(String key) {
    return resolve(key).toUri().toString();
  }

  @Override
  public void put(String key, byte[] content) {
    Path target = resolve(key);
    Path folder = target.getParent();
    Path temp = folder.resolve("." + target.getFileName() + ".tmp");
    try {
      createFolders(folder);
      try (FileChannel channel =
          FileChannel.open(
              temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsyncFolder(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
  }

  /** Creates missing folders, fsyncing each parent whose entries changed so they survive power loss. */
  private void createFolders(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    createFolders(folder.getParent());
    try {
      Files.createDirectory(folder);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return;
    }
    fsyncFolder(folder.getParent());
  }

  private static void fsyncFolder(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  @Override
  public List<StoredObject> list(String folder) {
    Path start = resolve(folder);
    List<StoredObject> objects = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        objects.add(new StoredObject(keyOf(file), file.toUri().toString(), Files.size(file)));
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + start, e);
    }
    objects.sort(java.util.Comparator.comparing(StoredObject::key));
    return objects;
  }

  @Override
  public byte[] read(String key) {
    Path file = resolve(key);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("key: " + key + " (expected: a relative key inside " + root + ")");
    }
    return path;
  }

  private String keyOf(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  static String trimSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  @Override
  public void close() {
    // Nothing held.
  }
}
