package io.quiver.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the {@code quiver} command line in the test's JVM: its exit status and what it
 * printed.
 */
record CliRun(int status, String out, String err) {
  static CliRun of(String... args) {
    return with(QuiverCommand.newCommandLine(args), args);
  }

  /** Runs {@code args} through {@code line}, a command line set up by the test. */
  static CliRun with(CommandLine line, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int status = line.execute(args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** The lines of a {@code quiver sql --format csv} answer, header first. */
  static java.util.List<String> sql(java.nio.file.Path dataDir, String query) {
    return sql(dataDir, "000000000000", query);
  }

  /** As {@link #sql(java.nio.file.Path, String)} for a store of another AWS account. */
  static java.util.List<String> sql(java.nio.file.Path dataDir, String account, String query) {
    CliRun run =
        of("sql", "--data-dir", dataDir.toString(), "--account", account, "--format", "csv", query);
    if (run.status() != 0) {
      throw new AssertionError("quiver sql failed: " + run.err());
    }
    return run.out().lines().toList();
  }
}
