package io.quiver.pipelines.step;

import io.quiver.storage.objectstore.ObjectStore;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import io.quiver.storage.objectstore.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves objects between {@code s3://} or {@code file://} URIs and local folders, for step inputs,
 * outputs and {@code Std:JsonGet}. Thread-safe.
 */
public final class ObjectTransfer {
  private final ObjectStoreResolver resolver;

  /** Transfers through {@code resolver}, which the caller owns. */
  public ObjectTransfer(ObjectStoreResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * The content of the object at {@code uri}.
   *
   * @throws IllegalArgumentException if {@code uri} is not {@code s3://} or {@code file://}
   * @throws UncheckedIOException or {@link io.quiver.storage.error.StorageException} if it cannot
   *     be read
   */
  public byte[] read(String uri) {
    Location loc = locate(uri);
    if (loc.local != null) {
      try {
        return Files.readAllBytes(loc.local);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + uri, e);
      }
    }
    return store(loc).read(loc.key);
  }

  /** Writes {@code content} to the object at {@code uri}, replacing it. */
  public void write(String uri, byte[] content) {
    Location loc = locate(uri);
    if (loc.local != null) {
      try {
        Files.createDirectories(loc.local.getParent());
        Files.write(loc.local, content);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + uri, e);
      }
      return;
    }
    store(loc).put(loc.key, content);
  }

  /**
   * Copies what {@code uri} names into {@code folder}: every object below it, keeping their paths
   * relative to it, or the single object it names under its own file name.
   *
   * @return the number of files copied
   */
  public int download(String uri, Path folder) {
    try {
      Files.createDirectories(folder);
      Location loc = locate(uri);
      if (loc.local != null) {
        if (Files.isDirectory(loc.local)) {
          int count = 0;
          try (Stream<Path> files = Files.walk(loc.local)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
              Path target = folder.resolve(loc.local.relativize(f).toString());
              Files.createDirectories(target.getParent());
              Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
              count++;
            }
          }
          return count;
        }
        if (!Files.exists(loc.local)) {
          throw new NoSuchFileException(uri);
        }
        Files.copy(
            loc.local,
            folder.resolve(loc.local.getFileName().toString()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return 1;
      }
      ObjectStore store = store(loc);
      String prefix = trimSlash(loc.key);
      List<StoredObject> objects = prefix.isEmpty() ? store.list("") : store.list(prefix);
      if (objects.isEmpty()) {
        byte[] single = store.read(prefix);
        Files.write(folder.resolve(prefix.substring(prefix.lastIndexOf('/') + 1)), single);
        return 1;
      }
      for (StoredObject o : objects) {
        String relative = prefix.isEmpty() ? o.key() : o.key().substring(prefix.length() + 1);
        Path target = folder.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.write(target, store.read(o.key()));
      }
      return objects.size();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + uri + " into " + folder, e);
    }
  }

  /**
   * Uploads every file below {@code folder} to {@code uri}, keeping relative paths.
   *
   * @return the number of files uploaded
   */
  public int upload(Path folder, String uri) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    String base = trimSlash(uri);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
    for (Path f : files) {
      String relative = folder.relativize(f).toString().replace('\\', '/');
      try {
        write(base + "/" + relative, Files.readAllBytes(f));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + f, e);
      }
    }
    return files.size();
  }

  private ObjectStore store(Location loc) {
    return resolver.resolve("s3://" + loc.bucket);
  }

  private static String trimSlash(String s) {
    String t = s;
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  private record Location(Path local, String bucket, String key) {}

  private static Location locate(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "uri: " + uri + " (expected: s3://bucket/key or file:///path)", e);
    }
    if ("file".equals(parsed.getScheme()) && parsed.getPath() != null) {
      return new Location(Path.of(parsed.getPath()), null, null);
    }
    if ("s3".equals(parsed.getScheme()) && parsed.getHost() != null) {
      String path = parsed.getPath() == null ? "" : parsed.getPath();
      return new Location(null, parsed.getHost(), path.startsWith("/") ? path.substring(1) : path);
    }
    throw new IllegalArgumentException(
        "uri: " + uri + " (expected: s3://bucket/key or file:///path)");
  }
}
