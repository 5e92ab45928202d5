package io.quiver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Test fixture for crash tests: a class's {@code main} in a child JVM (small heap, serial
 * collector, C1 only: it starts fast and leaves the cores to the test), its standard output read
 * line by line as it comes, its standard error kept in a file, ended with SIGKILL. Not thread-safe.
 */
public final class ChildJvm implements AutoCloseable {
  private static final String END = "\u0000END";

  private final Process process;
  private final Path errors;
  private final Thread reader;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private boolean ended;

  private ChildJvm(Process process, Path errors) {
    this.process = process;
    this.errors = errors;
    this.reader = new Thread(this::pump, "child-output");
    reader.start();
  }

  /** Starts {@code main} with {@code arguments}; its standard error goes to {@code errors}. */
  public static ChildJvm start(Class<?> main, Path errors, String... arguments) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    return new ChildJvm(process, errors);
  }

  /**
   * The next complete line the child printed, waiting up to two minutes for it (failing the test
   * after that); {@code null} once its output has ended.
   */
  public @Nullable String nextLine() throws InterruptedException {
    if (ended) {
      return null;
    }
    String line = lines.poll(120, TimeUnit.SECONDS);
    assertThat(line).as("child output within 2 minutes (stderr in %s)", errors).isNotNull();
    if (line.equals(END)) {
      ended = true;
      return null;
    }
    return line;
  }

  /** Where the child's standard error goes. */
  public Path errors() {
    return errors;
  }

  /**
   * Sends SIGKILL and waits for the child to end; returns the complete lines it printed before the
   * kill landed that {@link #nextLine} has not returned yet.
   */
  public List<String> kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    reader.join();
    List<String> rest = new ArrayList<>();
    for (String line = nextLine(); line != null; line = nextLine()) {
      rest.add(line);
    }
    return rest;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private void pump() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // The child died mid-line; what was read is complete lines only.
    } finally {
      lines.add(END);
    }
  }
}
