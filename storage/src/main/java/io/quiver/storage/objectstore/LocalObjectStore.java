package io.quiver.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ObjectStore} on a local folder. A put writes a hidden temporary file next to the target
 * ({@code .<name>.tmp}), fsyncs it, renames it atomically over the target and fsyncs the folder, so
 * a crash leaves either the old file or the new one whole (and at worst a hidden temporary file,
 * which readers globbing {@code *.parquet} ignore and the next put of the same key replaces).
 * Thread-safe for distinct keys; concurrent puts of one key are not supported.
 */
final class LocalObjectStore implements ObjectStore {
  private static final String TEMPORARY_SUFFIX = ".tmp";
  private static final int WRITE_SLICE_BYTES = 1 << 20;

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
    write(key, new ByteBuffer[] {ByteBuffer.wrap(content)}, true);
  }

  @Override
  public void putWithoutSync(String key, byte[] content) {
    write(key, new ByteBuffer[] {ByteBuffer.wrap(content)}, false);
  }

  @Override
  public void put(String key, ByteBuffer[] slices) {
    write(key, slices, true);
  }

  @Override
  public void putWithoutSync(String key, ByteBuffer[] slices) {
    write(key, slices, false);
  }

  private void write(String key, ByteBuffer[] slices, boolean sync) {
    Path target = resolve(key);
    Path folder = requireNonNull(target.getParent(), key);
    Path temp = folder.resolve("." + target.getFileName() + TEMPORARY_SUFFIX);
    try {
      createFolders(folder, sync);
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        for (ByteBuffer content : slices) {
          writeInSlices(channel, content.duplicate());
        }
        if (sync) {
          channel.force(true);
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (sync) {
        fsyncFolder(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
  }

  /**
   * Writes {@code content} in slices of at most {@link #WRITE_SLICE_BYTES}: the channel copies a
   * heap buffer into a temporary direct one of its size, which for a large file would be allocated
   * and zeroed anew each time.
   */
  private static void writeInSlices(FileChannel channel, ByteBuffer content) throws IOException {
    while (content.hasRemaining()) {
      ByteBuffer slice = content.slice();
      slice.limit(Math.min(WRITE_SLICE_BYTES, slice.remaining()));
      while (slice.hasRemaining()) {
        channel.write(slice);
      }
      content.position(content.position() + slice.position());
    }
  }

  /**
   * Fsyncs each file, then each folder between the files and the root once (the folders that {@link
   * #putWithoutSync} may have created and whose entries it changed).
   */
  @Override
  public void sync(List<String> keys) {
    Set<Path> folders = new HashSet<>();
    for (String key : keys) {
      Path file = resolve(key);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot sync " + file, e);
      }
      for (Path folder = file.getParent();
          folder != null && folder.startsWith(root) && folders.add(folder);
          folder = folder.getParent()) {
        // Added; its parent next.
      }
    }
    if (root.getParent() != null) {
      folders.add(root.getParent());
    }
    for (Path folder : folders) {
      try {
        fsyncFolder(folder);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot sync " + folder, e);
      }
    }
  }

  @Override
  public void delete(String key) {
    Path target = resolve(key);
    try {
      if (Files.deleteIfExists(target)) {
        fsyncFolder(requireNonNull(target.getParent()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + target, e);
    }
  }

  /**
   * Creates missing folders; with {@code sync}, fsyncs each parent whose entries changed so they
   * survive power loss.
   */
  private void createFolders(Path folder, boolean sync) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    createFolders(requireNonNull(folder.getParent(), "the store's root exists"), sync);
    try {
      Files.createDirectory(folder);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return;
    }
    if (sync) {
      fsyncFolder(requireNonNull(folder.getParent()));
    }
  }

  private static void fsyncFolder(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Walks {@code folder}, leaving out the temporary files of puts in progress. The tree may change
   * during the walk (a put renames its temporary file away, a cleaner removes a folder): an entry
   * that vanishes between being listed and being read is skipped, as it would be had the walk
   * started a moment later.
   */
  @Override
  public List<StoredObject> list(String folder) {
    Path start = resolve(folder);
    List<StoredObject> objects = new ArrayList<>();
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (attributes.isRegularFile() && !isTemporary(file)) {
                objects.add(
                    new StoredObject(keyOf(file), file.toUri().toString(), attributes.size()));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              return vanished(e);
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException e)
                throws IOException {
              return e == null ? FileVisitResult.CONTINUE : vanished(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + start, e);
    }
    objects.sort(Comparator.comparing(StoredObject::key));
    return objects;
  }

  private static FileVisitResult vanished(IOException e) throws IOException {
    if (e instanceof NoSuchFileException) {
      return FileVisitResult.CONTINUE;
    }
    throw e;
  }

  /** A put's temporary file ({@code .<name>.tmp}), not an object until it is renamed. */
  private static boolean isTemporary(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX);
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

  @Override
  public ReadableObject open(String key, long length) {
    return LocalReadableObject.open(resolve(key));
  }

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException(
          "key: " + key + " (expected: a relative key inside " + root + ")");
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
