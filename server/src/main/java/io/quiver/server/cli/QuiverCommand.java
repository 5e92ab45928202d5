package io.quiver.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quiver} command: lists the subcommands and dispatches to them. */
@Command(
    name = "quiver",
    mixinStandardHelpOptions = true,
    version = "quiver 0.1.0",
    description =
        "Quiver, an embedded feature store with a SageMaker Feature Store compatible API.",
    subcommands = {
      ServeCommand.class,
      ImportCommand.class,
      SqlCommand.class,
      DatasetCommand.class,
      BiasCommand.class,
      FlowCommand.class,
      RepairCommand.class,
      AnalyzeCommand.class,
      PipelineCommand.class,
      CommandLine.HelpCommand.class
    })
public final class QuiverCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command line with Quiver's error handling: a one-line message for any Quiver failure. */
  static CommandLine newCommandLine() {
    CommandLine line = new CommandLine(new QuiverCommand());
    line.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          cmd.getErr().println("quiver: " + e.getMessage());
          return 1;
        });
    return line;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
