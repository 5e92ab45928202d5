package io.quiver.wrangler.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Resolves a local file, directory or glob to the files it names, sorted by path. */
final class LocalFiles {
  private LocalFiles() {}

  static List<SourceFile> resolve(String location) {
    int glob = firstGlobChar(location);
    List<Path> paths = new ArrayList<>();
    if (glob < 0) {
      Path path = Path.of(location);
      if (Files.isDirectory(path)) {
        try (Stream<Path> list = Files.list(path)) {
          list.filter(Files::isRegularFile).filter(p -> !isMarker(p)).sorted().forEach(paths::add);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list " + location, e);
        }
      } else if (Files.isRegularFile(path)) {
        paths.add(path);
      } else {
        throw new IllegalArgumentException(
            "Cannot find " + location + ": no such file or directory");
      }
    } else {
      int slash = location.lastIndexOf('/', glob);
      Path base = Path.of(slash < 0 ? "." : location.substring(0, slash + 1));
      PathMatcher matcher =
          base.getFileSystem().getPathMatcher("glob:" + location.substring(slash + 1));
      if (Files.isDirectory(base)) {
        try (Stream<Path> walk = Files.walk(base)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> !isMarker(p))
              .filter(p -> matcher.matches(base.relativize(p)))
              .sorted()
              .forEach(paths::add);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list " + base, e);
        }
      }
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot find " + location + ": the pattern matches no file");
    }
    List<SourceFile> files = new ArrayList<>(paths.size());
    for (Path path : paths) {
      files.add(new LocalFile(path, glob < 0 && paths.size() == 1 ? location : path.toString()));
    }
    return files;
  }

  /**
   * Whether a listed file is bookkeeping rather than data: hidden files and the {@code _SUCCESS}
   * and {@code .crc} files that Spark and Hadoop leave next to their output.
   */
  static boolean isMarker(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") || name.startsWith("_");
  }

  static int firstGlobChar(String location) {
    for (int i = 0; i < location.length(); i++) {
      char c = location.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  /** A file on the local file system. */
  private record LocalFile(Path path, String name) implements SourceFile {
    @Override
    public long size() {
      try {
        return Files.size(path);
      } catch (IOException e) {
        return -1;
      }
    }

    @Override
    public InputStream openStream() {
      try {
        return Files.newInputStream(path);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open " + name, e);
      }
    }

    @Override
    public Path localPath() {
      return path;
    }
  }
}
