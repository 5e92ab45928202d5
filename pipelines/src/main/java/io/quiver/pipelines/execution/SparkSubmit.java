package io.quiver.pipelines.execution;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code spark-submit} the way a shell would: {@code SPARK_HOME/bin}, then the PATH. */
final class SparkSubmit {
  private SparkSubmit() {}

  static Optional<Path> find() {
    String home = System.getenv("SPARK_HOME");
    if (home != null) {
      Path p = Path.of(home, "bin", "spark-submit");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, "spark-submit");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
