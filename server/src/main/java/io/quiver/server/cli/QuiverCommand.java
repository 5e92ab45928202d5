package io.quiver.server.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code quiver} command: lists the subcommands and dispatches to them. Build it with {@link
 * #newCommandLine(String...)}, which registers the subcommands and Quiver's error handling.
 */
@Command(
    name = "quiver",
    mixinStandardHelpOptions = true,
    version = "quiver 0.1.0",
    description =
        "Quiver, an embedded feature store with a SageMaker Feature Store compatible API.")
public final class QuiverCommand implements Runnable {
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("^([a-z][a-z0-9_]*\\.)+[A-Z]\\w*(Exception|Error): ");

  /** The subcommands, in the order {@code quiver --help} lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
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
          CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(newCommandLine(args).execute(args));
  }

  /** The command line for every subcommand (see {@link #newCommandLine(String...)}). */
  public static CommandLine newCommandLine() {
    return newCommandLine(new String[0]);
  }

  /**
   * The command line with Quiver's error handling: a one-line message for any Quiver failure, and
   * for a mistaken command line the mistake and where to read the options, not the whole usage.
   *
   * <p>When {@code args} start with a subcommand's name, only that subcommand is registered:
   * picocli reflects over every option of every registered command before it parses, which cost a
   * third of a short command's start-up ({@code quiver sql}) for commands it was not going to run.
   * Anything else ({@code --help}, {@code help sql}, a misspelt name that wants suggestions) gets
   * them all.
   */
  public static CommandLine newCommandLine(String... args) {
    CommandLine line = new CommandLine(new QuiverCommand());
    Class<?> chosen = args.length == 0 ? null : subcommandNamed(args[0]);
    for (Class<?> subcommand : SUBCOMMANDS) {
      if (chosen == null || subcommand == chosen) {
        line.addSubcommand(subcommand);
      }
    }
    line.setParameterExceptionHandler(
        (e, given) -> {
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
          cmd.getErr().println("quiver: " + message(e));
          return 1;
        });
    return line;
  }

  /**
   * The failure's message followed by its causes' until one says why ({@code Cannot write s3://...
   * because: The provided 'x-amz-content-sha256' header does not match ...}), so the operator sees
   * why, without a stack trace or class names. A message that already gives a reason after a colon
   * ({@code Cannot listen on ...: the address is in use ...}) was written to stand alone: the
   * library messages beneath it are left out.
   */
  static String message(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage();
      if (message == null) {
        continue;
      }
      // Wrapping exceptions repeat their cause as "java.io.IOException: ..."; keep the text only.
      message = CLASS_PREFIX.matcher(message.strip()).replaceFirst("");
      if (message.isBlank() || text.indexOf(message) >= 0 || wrapsWhatIsShown(t, text)) {
        continue;
      }
      if (text.length() > 0) {
        text.append(System.lineSeparator()).append("  because: ");
      }
      text.append(message);
      if (givesAReason(message)) {
        break;
      }
    }
    return text.length() > 0 ? text.toString() : "failed without a message (see the log)";
  }

  /** Whether {@code message} says why after saying what ({@code Cannot read x: it is not ...}). */
  private static boolean givesAReason(String message) {
    int colon = message.indexOf(": ");
    return colon > 0 && colon + 2 < message.length();
  }

  /**
   * Whether what {@code t} says leads to a root cause already shown: the message that holds the
   * root cause's words explains it best, and the wrappers in between only repeat it with less
   * context ({@code Error while executing SQL "...": <Calcite's message>}, gRPC's {@code
   * UNAVAILABLE: io exception} over the refused connection).
   */
  private static boolean wrapsWhatIsShown(Throwable t, CharSequence text) {
    String root = null;
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        root = CLASS_PREFIX.matcher(c.getMessage().strip()).replaceFirst("");
      }
    }
    return root != null && text.toString().contains(root);
  }

  /** The subcommand called {@code name} (or one of its aliases), read from its annotation only. */
  private static @Nullable Class<?> subcommandNamed(String name) {
    for (Class<?> subcommand : SUBCOMMANDS) {
      Command command = subcommand.getAnnotation(Command.class);
      if (command != null
          && !subcommand.equals(CommandLine.HelpCommand.class)
          && (command.name().equals(name) || List.of(command.aliases()).contains(name))) {
        return subcommand;
      }
    }
    return null;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
