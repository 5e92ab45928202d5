package io.quiver.wrangler.source;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary folder, {@code pg_ctl
 * start} on a free loopback port, trust authentication, stopped and deleted on close. Uses the
 * newest {@code /usr/lib/postgresql/<version>/bin} (or {@code $QUIVER_PG_BIN}); as root, runs the
 * server as the {@code postgres} user, since PostgreSQL refuses to run as root.
 *
 * <p>Without PostgreSQL the tests are skipped, except under CI ({@code CI=true}), where they fail:
 * {@code .ci/setup-postgres.sh} installs it.
 */
final class PostgresServer implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final boolean asPostgres;
  private final int port;

  private PostgresServer(Path bin, Path dir, boolean asPostgres, int port) {
    this.bin = bin;
    this.dir = dir;
    this.asPostgres = asPostgres;
    this.port = port;
  }

  /** Starts a cluster, or skips (fails under CI) if PostgreSQL is not installed. */
  static PostgresServer start() throws IOException, InterruptedException {
    Optional<Path> bin = findBin();
    if (bin.isEmpty()) {
      String message =
          "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); run .ci/setup-postgres.sh";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("quiver-pg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (root) {
      run(List.of("chown", "postgres", dir.toString()), false);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin.get(), dir, root, port);
    server.pg(
        "initdb",
        "-D",
        dir.resolve("data").toString(),
        "-U",
        "quiver",
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-locale");
    server.pg(
        "pg_ctl",
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "start");
    return server;
  }

  /** The JDBC URL of the {@code postgres} database, user {@code quiver}. */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=quiver";
  }

  private static Optional<Path> findBin() {
    String override = System.getenv("QUIVER_PG_BIN");
    if (override != null) {
      return Optional.of(Path.of(override));
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(
              Comparator.comparing(
                  b -> b.getParent().getFileName().toString(),
                  Comparator.comparingInt(v -> Integer.parseInt(v.replaceAll("\\D", "0")))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pg(String program, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    run(command, asPostgres);
  }

  private static void run(List<String> command, boolean asPostgres)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("Cannot run " + full + ": " + output);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
