package io.quiver.server.cli;

import java.io.PrintWriter;
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
      GroupsCommand.class,
      GetCommand.class,
      PutCommand.class,
      FlowCommand.class,
      RepairCommand.class,
      AnalyzeCommand.class,
      PipelineCommand.class,
      MonitorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class QuiverCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /**
   * The command line with Quiver's error handling: a one-line message for any Quiver failure, and
   * for a mistaken command line the mistake and where to read the options, not the whole usage.
   */
  static CommandLine newCommandLine() {
    CommandLine line = new CommandLine(new QuiverCommand());
    line.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine command = e.getCommandLine();
          PrintWriter err = command.getErr();
          err.println(e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println(
              "Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
          err.flush();
          return command.getCommandSpec().exitCodeOnInvalidInput();
        });
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
