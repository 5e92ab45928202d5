package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the jar carried RocksDB's native libraries for every platform and weighed 179 MB, not
 * the "about 150 MB" the README said. The packaged {@code quiver.jar} keeps the platforms Java 17
 * runs on, starts as a whole process, and is the size the README states.
 */
class PackagedJarIT {
  private static final Path JAR = Path.of("target", "quiver.jar");

  @TempDir Path tmp;

  @Test
  void keepsTheNativeLibrariesOfTheUsualPlatformsOnly() throws IOException {
    List<String> natives = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      jar.stream()
          .map(e -> e.getName())
          .filter(n -> n.startsWith("librocksdbjni-"))
          .forEach(natives::add);
    }

    assertThat(natives)
        .containsExactlyInAnyOrder(
            "librocksdbjni-linux64.so",
            "librocksdbjni-linux64-musl.so",
            "librocksdbjni-linux-aarch64.so",
            "librocksdbjni-linux-aarch64-musl.so",
            "librocksdbjni-osx-x86_64.jnilib",
            "librocksdbjni-osx-arm64.jnilib",
            "librocksdbjni-win64.dll");
  }

  @Test
  void theReadmeStatesTheJarsSize() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher stated = Pattern.compile("weighs about\\s+(\\d+)\\s+MB").matcher(readme);

    assertThat(stated.find()).as("the README states the jar's size").isTrue();
    double megabytes = Files.size(JAR) / 1e6;
    assertThat(megabytes)
        .isBetween(
            Integer.parseInt(stated.group(1)) * 0.9, Integer.parseInt(stated.group(1)) * 1.1);
  }

  @Test
  void runsAsAWholeProcessWithRocksDbLoadedFromTheJar() throws Exception {
    Path csv = tmp.resolve("in.csv");
    Files.writeString(csv, "id,ts,n\na,2024-05-01T00:00:00Z,7\n", StandardCharsets.UTF_8);
    Path data = tmp.resolve("data");

    Result imported =
        quiver(
            "import",
            "--data-dir",
            data.toString(),
            "--feature-group",
            "g",
            "--source",
            csv.toString(),
            "--create",
            "--record-identifier",
            "id",
            "--event-time",
            "ts");
    Result got = quiver("get", "g", "a", "--data-dir", data.toString());

    assertThat(imported.status()).as(imported.output()).isZero();
    assertThat(got.status()).as(got.output()).isZero();
    assertThat(got.output()).contains("{\"id\":\"a\",\"ts\":\"2024-05-01T00:00:00Z\",\"n\":7}");
  }

  private record Result(int status, String output) {}

  private Result quiver(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    Path log = Files.createTempFile(tmp, "quiver", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("quiver " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
