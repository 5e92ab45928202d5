package io.quiver.server.cli;

import io.quiver.clarify.monitor.MonitorResults;
import io.quiver.clarify.monitor.MonitorViolation;
import io.quiver.clarify.monitor.MonitoringWindow;
import io.quiver.clarify.monitor.WindowResult;
import io.quiver.clarify.monitor.report.MonitorHtmlReport;
import io.quiver.clarify.monitor.schedule.MonitoringService;
import io.quiver.clarify.monitor.schedule.ScheduleRunner;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quiver monitor}: evaluates one window of a monitoring schedule kept in a data directory,
 * lists its evaluated windows, and draws its report. Reads the data directory without locking it,
 * so it works while a server runs. Not thread-safe (one instance per invocation).
 */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = "Run monitoring schedules' windows by hand, list their results, draw reports.",
    subcommands = {
      MonitorCommand.Run.class,
      MonitorCommand.Executions.class,
      MonitorCommand.Report.class
    })
final class MonitorCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Options every subcommand takes; the data directory's history is opened read-only when a window
   * is first evaluated and released on {@link #close}.
   */
  static class Target implements AutoCloseable {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "The data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("quiver-data");

    @Option(
        names = "--schedule",
        required = true,
        paramLabel = "NAME",
        description = "The monitoring schedule (CreateMonitoringSchedule's name).")
    String schedule;

    @Option(
        names = "--account",
        paramLabel = "ID",
        description = "The account of the offline store's layout (default: ${DEFAULT-VALUE}).")
    String account = StoreConfig.ACCOUNT_DEFAULT;

    @Option(
        names = "--region",
        paramLabel = "REGION",
        description = "The region of the offline store's layout (default: ${DEFAULT-VALUE}).")
    String region = StoreConfig.REGION_DEFAULT;

    @CommandLine.Mixin S3Options s3;

    private @Nullable ReadOnlyStore history;

    MonitoringService open(CommandLine line) {
      StoreConfig config =
          StoreConfig.builder(dataDir)
              .account(account)
              .region(region)
              .s3(s3.settings(line))
              .build();
      return MonitoringService.open(
          dataDir,
          region,
          account,
          InstantSource.system(),
          () -> {
            ReadOnlyStore opened = history;
            if (opened == null) {
              opened = ReadOnlyStore.open(config);
              history = opened;
            }
            return opened;
          },
          ScheduleRunner.LAG_DEFAULT,
          false);
    }

    @Override
    public void close() {
      ReadOnlyStore opened = history;
      history = null;
      if (opened != null) {
        opened.close();
      }
    }
  }

  /** {@code quiver monitor run --schedule NAME --window W}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Evaluate one window of a schedule now and keep its analysis and violations with the"
            + " schedule's results.",
        "Exit status 0 when the window meets its baseline, 2 when it has violations, 1 when it"
            + " cannot be evaluated."
      })
  static final class Run implements Callable<Integer> {
    @CommandLine.Mixin Target target;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--window",
        required = true,
        paramLabel = "WINDOW",
        description =
            "A UTC day (2026-11-06), a UTC hour (2026-11-06T10) or START/END instants"
                + " (2026-11-06T00:00:00Z/2026-11-07T00:00:00Z).")
    String window;

    @Option(
        names = "--as-of",
        paramLabel = "INSTANT",
        description = "Join the ground truth that had arrived by this instant (default: now).")
    @Nullable String asOf;

    @Override
    public Integer call() {
      MonitoringWindow w;
      Instant at;
      try {
        w = MonitoringWindow.parse(window);
        at = asOf == null ? Instant.now() : Instant.parse(asOf);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      try (Target t = target;
          MonitoringService monitoring = t.open(spec.commandLine())) {
        WindowResult r = monitoring.runner().run(target.schedule, w, at);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%s %s: %s, %d records, %d with ground truth%n",
            target.schedule, w.start(), r.status(), r.rows(), r.labelledRows());
        if (r.failureReason() != null) {
          out.println("  " + r.failureReason());
        }
        for (MonitorViolation v : r.violations()) {
          out.printf("  %s %s %s: %s%n", v.checkType(), v.subject(), v.metric(), v.description());
        }
        out.println(
            "  results: " + monitoring.results().folder(target.schedule, w).toAbsolutePath());
        if (r.status().equals(WindowResult.FAILED)) {
          return 1;
        }
        return r.violations().isEmpty() ? 0 : 2;
      }
    }
  }

  /** {@code quiver monitor executions --schedule NAME}. */
  @Command(
      name = "executions",
      mixinStandardHelpOptions = true,
      description = "List a schedule's evaluated windows, oldest first.")
  static final class Executions implements Callable<Integer> {
    @CommandLine.Mixin Target target;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (Target t = target;
          MonitoringService monitoring = t.open(spec.commandLine())) {
        monitoring.catalog().describeSchedule(target.schedule);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%-22s %-24s %9s %9s %10s%n", "window", "status", "records", "labelled", "violations");
        for (MonitorResults.Execution e : monitoring.results().list(target.schedule)) {
          WindowResult r = e.result();
          out.printf(
              "%-22s %-24s %9d %9d %10d%n",
              r.window().start(), r.status(), r.rows(), r.labelledRows(), r.violations().size());
        }
        return 0;
      }
    }
  }

  /** {@code quiver monitor report --schedule NAME [--out FILE]}. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description =
          "Draw a schedule's metrics over time, with baseline bands and violations, as HTML.")
  static final class Report implements Callable<Integer> {
    @CommandLine.Mixin Target target;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "The page to write (default: <schedule>-report.html).")
    @Nullable Path out;

    @Override
    public Integer call() {
      try (Target t = target;
          MonitoringService monitoring = t.open(spec.commandLine())) {
        monitoring.catalog().describeSchedule(target.schedule);
        Path file = out != null ? out : Path.of(target.schedule + "-report.html");
        int charts = MonitorHtmlReport.write(target.schedule, monitoring.results(), file).size();
        spec.commandLine()
            .getOut()
            .println("Wrote " + file.toAbsolutePath() + " (" + charts + " charts)");
        return 0;
      }
    }
  }
}
