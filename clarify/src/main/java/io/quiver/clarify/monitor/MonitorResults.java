package io.quiver.clarify.monitor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.storage.error.CorruptFileException;
import io.quiver.storage.offline.OfflineHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/*
 * Layout (docs/format/monitoring-results.md): <root>/<monitor>/<window id>/ holds the window's
 * analysis.json or statistics.json, constraint_violations.json and execution.json. An evaluation
 * writes its files into a fresh staging folder, then moves each into the window's folder
 * atomically, execution.json last: a reader that finds execution.json finds the files it
 * describes, and a crash leaves the previous evaluation or the new one, never a torn file.
 * Staging folders left by a crash start with '.' and are ignored and removed on the next
 * evaluation of that monitor.
 */

/**
 * The results of a data directory's monitors, one folder per monitor and window. Thread-safe:
 * evaluations of one monitor are serialised.
 */
public final class MonitorResults {
  private final Path root;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  private MonitorResults(Path root) {
    this.root = root;
  }

  /** The results under {@code root} (created when first written). */
  public static MonitorResults at(Path root) {
    return new MonitorResults(requireNonNull(root, "root"));
  }

  /** The folder of {@code monitor}'s results. */
  public Path folder(String monitor) {
    return root.resolve(MonitorNames.check(monitor));
  }

  /** The folder of one window's results. */
  public Path folder(String monitor, MonitoringWindow window) {
    return folder(monitor).resolve(window.id());
  }

  /**
   * Evaluates {@code window} of {@code monitor} with the ground truth that arrived by {@code asOf}
   * and keeps the result, replacing an earlier evaluation of the same window.
   *
   * @throws io.quiver.storage.error.QuiverException if the monitor cannot read its data
   * @throws UncheckedIOException if the files cannot be written
   */
  public WindowResult evaluate(
      String name,
      Monitor monitor,
      @Nullable OfflineHistory offline,
      MonitoringWindow window,
      Instant asOf) {
    Object lock = locks.computeIfAbsent(MonitorNames.check(name), n -> new Object());
    synchronized (lock) {
      Path target = folder(name, window);
      Path staging = folder(name).resolve("." + window.id() + ".staging");
      try {
        deleteTree(staging);
        Files.createDirectories(staging);
        WindowResult result = monitor.evaluate(offline, window, asOf, staging);
        int evaluations = read(target).map(r -> r.evaluations()).orElse(0) + 1;
        MonitorFiles.write(
            staging.resolve(MonitorFiles.EXECUTION),
            ExecutionJson.toTree(name, monitor.type(), result, evaluations));
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(staging)) {
          for (Path file : files.sorted(executionLast()).toList()) {
            move(file, target.resolve(file.getFileName().toString()));
          }
        }
        if (result.status().equals(WindowResult.FAILED)) {
          Files.deleteIfExists(target.resolve(MonitorFiles.ANALYSIS));
          Files.deleteIfExists(target.resolve(MonitorFiles.STATISTICS));
          Files.deleteIfExists(target.resolve(MonitorFiles.VIOLATIONS));
        }
        return result;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot keep the results of monitor " + name + ": " + e.getMessage(), e);
      } finally {
        try {
          deleteTree(staging);
        } catch (IOException ignored) {
          // removed by the next evaluation
        }
      }
    }
  }

  /**
   * Keeps a failed evaluation of {@code window} (the monitor could not be built or could not read
   * its data), replacing an earlier one.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public WindowResult fail(
      String name, MonitorType type, MonitoringWindow window, Instant asOf, String reason) {
    Object lock = locks.computeIfAbsent(MonitorNames.check(name), n -> new Object());
    synchronized (lock) {
      Path target = folder(name, window);
      WindowResult result = WindowResult.failed(window, asOf, 0, reason);
      int evaluations = read(target).map(r -> r.evaluations()).orElse(0) + 1;
      try {
        Files.createDirectories(target);
        Path staged = folder(name).resolve("." + window.id() + ".execution");
        MonitorFiles.write(staged, ExecutionJson.toTree(name, type, result, evaluations));
        move(staged, target.resolve(MonitorFiles.EXECUTION));
        Files.deleteIfExists(target.resolve(MonitorFiles.ANALYSIS));
        Files.deleteIfExists(target.resolve(MonitorFiles.STATISTICS));
        Files.deleteIfExists(target.resolve(MonitorFiles.VIOLATIONS));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot keep the results of monitor " + name + ": " + e.getMessage(), e);
      }
      return result;
    }
  }

  /**
   * Every evaluated window of {@code monitor}, oldest window first.
   *
   * @throws CorruptFileException if an {@code execution.json} cannot be read
   */
  public List<Execution> list(String monitor) {
    Path dir = folder(monitor);
    List<Execution> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> windows = Files.newDirectoryStream(dir)) {
      for (Path window : windows) {
        if (!window.getFileName().toString().startsWith(".")) {
          read(window).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(e -> e.result().window().start()));
    return out;
  }

  /**
   * The latest window's execution of {@code monitor}, if any; reads one file (window folders sort
   * by their start).
   *
   * @throws CorruptFileException if its {@code execution.json} cannot be read
   */
  public Optional<Execution> latest(String monitor) {
    Path dir = folder(monitor);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> windows = Files.list(dir)) {
      List<Path> sorted =
          windows
              .filter(w -> !w.getFileName().toString().startsWith("."))
              .sorted(Comparator.reverseOrder())
              .toList();
      for (Path window : sorted) {
        Optional<Execution> e = read(window);
        if (e.isPresent()) {
          return e;
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Deletes every result of {@code monitor}. */
  public void delete(String monitor) {
    Object lock = locks.computeIfAbsent(MonitorNames.check(monitor), n -> new Object());
    synchronized (lock) {
      try {
        deleteTree(folder(monitor));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot delete the results of monitor " + monitor + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * One window's kept evaluation.
   *
   * @param monitor the monitor's name
   * @param type its type
   * @param result the outcome
   * @param evaluations how many times the window was evaluated
   * @param folder the window's folder
   */
  public record Execution(
      String monitor, MonitorType type, WindowResult result, int evaluations, Path folder) {}

  private static Optional<Execution> read(Path window) {
    Path file = window.resolve(MonitorFiles.EXECUTION);
    try {
      JsonNode tree = MonitorFiles.MAPPER.readTree(Files.readAllBytes(file));
      return Optional.of(ExecutionJson.fromTree(tree, window));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new CorruptFileException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Comparator<Path> executionLast() {
    return Comparator.comparing(p -> p.getFileName().toString().equals(MonitorFiles.EXECUTION));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
