package io.quiver.pipelines.step;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.pipelines.definition.FailureType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job's command as a local process in place of a container: output to a log file in the
 * attempt's folder, stopped on request, killed past its time limit. Stateless.
 */
final class LocalProcess {
  /** How much of the log's end a failure message quotes. */
  private static final int LOG_TAIL_CHARS = 1500;

  private LocalProcess() {}

  /** The log a process of {@code run} writes. */
  static Path log(StepRun run) {
    return run.workDir().resolve("output.log");
  }

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added to this process's, and
   * waits for it.
   *
   * @param what the job, for messages ({@code Processing job}, ...)
   * @param maxRuntimeSeconds the time limit, or 0 for none
   * @param log the file the output goes to
   * @throws StepFailedException if it cannot start, exits non-zero, or runs past the limit
   */
  static void run(
      StepRun run,
      String what,
      List<String> command,
      Path directory,
      Map<String, String> environment,
      long maxRuntimeSeconds,
      Path log)
      throws InterruptedException {
    if (command.isEmpty()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR, what + " has no command to run (set ContainerEntrypoint)");
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          what + " could not start " + command.get(0) + ": " + e.getMessage());
    }
    run.processStarted(process);
    boolean finished;
    try {
      if (maxRuntimeSeconds > 0) {
        finished = process.waitFor(maxRuntimeSeconds, TimeUnit.SECONDS);
      } else {
        process.waitFor();
        finished = true;
      }
    } catch (InterruptedException e) {
      destroy(process);
      throw e;
    }
    if (!finished) {
      destroy(process);
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR,
          what + " ran longer than MaxRuntimeInSeconds " + maxRuntimeSeconds + " and was stopped");
    }
    if (run.stopRequested()) {
      throw new StepFailedException(FailureType.CLIENT_ERROR, what + " was stopped");
    }
    int exit = process.exitValue();
    if (exit != 0) {
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR,
          what + " exited with code " + exit + "; the end of its output:\n" + tail(log));
    }
  }

  /** Ends {@code process} and every process it started. */
  static void destroy(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  static String tail(Path log) {
    try {
      byte[] bytes = Files.readAllBytes(log);
      int from = Math.max(0, bytes.length - LOG_TAIL_CHARS);
      return new String(Arrays.copyOfRange(bytes, from, bytes.length), UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + log, e);
    }
  }
}
