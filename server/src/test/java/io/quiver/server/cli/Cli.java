package io.quiver.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code quiver} command line in-process, as a test drives it from another package. */
public final class Cli {
  /** What a run printed and returned. */
  public record Result(int status, String out, String err) {}

  private Cli() {}

  /** Runs {@code quiver args...}. */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = QuiverCommand.newCommandLine(args);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int status = line.execute(args);
    return new Result(status, out.toString(), err.toString());
  }
}
