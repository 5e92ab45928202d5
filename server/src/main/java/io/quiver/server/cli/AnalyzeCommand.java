package io.quiver.server.cli;

import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.analyze.Analysis;
import io.quiver.wrangler.analyze.AnalysisOptions;
import io.quiver.wrangler.analyze.AnalysisOptions.ChartRequest;
import io.quiver.wrangler.analyze.Analyzer;
import io.quiver.wrangler.analyze.baseline.Baseline;
import io.quiver.wrangler.analyze.chart.Chart;
import io.quiver.wrangler.analyze.flow.AnalysisKind;
import io.quiver.wrangler.analyze.flow.AnalysisNode;
import io.quiver.wrangler.analyze.input.BatchSource;
import io.quiver.wrangler.analyze.insight.Warning;
import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.ProfileOptions;
import io.quiver.wrangler.analyze.profile.Profiler;
import io.quiver.wrangler.analyze.report.AnalysisHtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code quiver analyze}: profiles every row of a dataset in one parallel pass, runs the analyses
 * (correlations, multicollinearity, and with a target, leakage and a quick model), prints a summary
 * and the warnings, and on request writes the HTML report, PNG charts with their data, and a
 * monitoring baseline. {@code quiver analyze check} checks a dataset against a baseline.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    subcommands = AnalyzeCommand.Check.class,
    description =
        "Profile a dataset (files, a query, a feature group or a flow's analysis nodes) and report"
            + " its data quality and insights, with charts.")
final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AnalyzeInput input;

  @Option(
      names = "--target",
      paramLabel = "COLUMN",
      description = "Target column: adds target leakage and a quick model.")
  @Nullable String target;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the HTML report here (chart data in FILE-data/).")
  @Nullable Path report;

  @Option(
      names = "--png",
      paramLabel = "DIR",
      description = "Write every chart as DIR/<chart>.png with DIR/<chart>.json.")
  @Nullable Path png;

  @Option(
      names = "--baseline",
      paramLabel = "DIR",
      description = "Write a monitoring baseline: DIR/statistics.json and DIR/constraints.json.")
  @Nullable Path baseline;

  @Option(
      names = "--histogram",
      paramLabel = "COL[:COLOR_BY[:FACET_BY]]",
      description = "Also draw this histogram (repeatable), e.g. age:churned:region.")
  List<String> histograms = new ArrayList<>();

  @Option(
      names = "--scatter",
      paramLabel = "X,Y[:COLOR_BY[:FACET_BY]]",
      description = "Also draw this scatter plot (repeatable), e.g. age,income:churned.")
  List<String> scatters = new ArrayList<>();

  @Mixin ProfileSettings settings;

  @Override
  public Integer call() {
    input.validate(spec.commandLine());
    AnalysisOptions options;
    try {
      options =
          new AnalysisOptions(
              target,
              histograms.stream().map(ChartRequest::parse).toList(),
              scatters.stream().map(ChartRequest::parse).toList(),
              42);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (input.flow != null) {
      List<AnalysisNode> nodes = input.analysisNodes();
      boolean several = nodes.size() > 1;
      for (AnalysisNode node : nodes) {
        AnalysisKind kind = node.kind();
        if (kind == null) {
          out.println("Skipped node '" + node.nodeId() + "': " + node.unsupported());
          continue;
        }
        AnalysisOptions merged =
            new AnalysisOptions(
                target != null ? target : node.options().target(),
                concat(node.options().histograms(), options.histograms()),
                concat(node.options().scatters(), options.scatters()),
                options.seed());
        String name =
            kind.title()
                + (node.title().equals(node.nodeId()) ? "" : " '" + node.title() + "'")
                + " (node "
                + node.nodeId()
                + " of "
                + input.flow().name()
                + ")";
        analyse(
            out,
            name,
            () -> input.openFlowNode(node.nodeId()),
            merged,
            several ? node.nodeId() : null);
      }
      out.flush();
      return 0;
    }
    analyse(out, input.name(), input::open, options, null);
    out.flush();
    return 0;
  }

  /**
   * Profiles and analyses one dataset and writes what was asked for; {@code suffix} (a flow node's
   * id, when a flow has several) keeps each analysis's files apart.
   */
  private void analyse(
      PrintWriter out,
      String name,
      Supplier<BatchSource> open,
      AnalysisOptions options,
      @Nullable String suffix) {
    List<String> named = new ArrayList<>();
    if (options.target() != null) {
      named.add(options.target());
    }
    for (ChartRequest request : concat(options.histograms(), options.scatters())) {
      named.addAll(request.columns());
      if (request.colorBy() != null) {
        named.add(request.colorBy());
      }
      if (request.facetBy() != null) {
        named.add(request.facetBy());
      }
    }
    DatasetProfile profile = settings.profile(name, open, spec.commandLine().getErr(), named);
    Analysis analysis = Analyzer.analyze(name, profile, options);
    summary(out, analysis);
    if (report != null) {
      Path file = suffixed(report, suffix);
      AnalysisHtmlReport.write(analysis, file);
      out.println("Report: " + file.toAbsolutePath());
    }
    if (png != null) {
      Path folder = suffix == null ? png : png.resolve(suffix);
      for (Chart chart : AnalysisHtmlReport.charts(analysis)) {
        chart.write(folder, true);
      }
      out.println(
          "Charts: "
              + folder.toAbsolutePath()
              + " ("
              + AnalysisHtmlReport.charts(analysis).size()
              + " PNG files, each with its JSON data)");
    }
    if (baseline != null) {
      Path folder = suffix == null ? baseline : baseline.resolve(suffix);
      Baseline.suggest(profile).write(folder);
      out.println(
          "Baseline: "
              + folder.resolve(Baseline.STATISTICS_FILE)
              + ", "
              + folder.resolve(Baseline.CONSTRAINTS_FILE));
    }
  }

  /** {@code report.html} with suffix {@code n1}: {@code report-n1.html}. */
  private static Path suffixed(Path file, @Nullable String suffix) {
    if (suffix == null) {
      return file;
    }
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String safe = suffix.replaceAll("[^A-Za-z0-9._-]", "_");
    String renamed =
        dot > 0 ? name.substring(0, dot) + "-" + safe + name.substring(dot) : name + "-" + safe;
    return file.resolveSibling(renamed);
  }

  private static List<ChartRequest> concat(List<ChartRequest> a, List<ChartRequest> b) {
    List<ChartRequest> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void summary(PrintWriter out, Analysis analysis) {
    DatasetProfile p = analysis.profile();
    out.printf(
        Locale.ROOT,
        "%s: %,d rows, %d columns, %,d duplicate rows%n",
        analysis.name(),
        p.rows(),
        p.columns().size(),
        p.duplicateRows());
    out.printf(
        Locale.ROOT,
        "%-24s %-11s %8s %10s %14s %14s %14s%n",
        "column",
        "type",
        "missing",
        "distinct",
        "min",
        "mean",
        "max");
    for (ColumnProfile c : p.columns()) {
      out.printf(
          Locale.ROOT,
          "%-24s %-11s %7.1f%% %10s %14s %14s %14s%n",
          c.name().length() > 24 ? c.name().substring(0, 23) + "…" : c.name(),
          c.type().name().toLowerCase(Locale.ROOT),
          100 * c.missingRatio(),
          (c.distinct().exact() ? "" : "~")
              + String.format(Locale.ROOT, "%,d", c.distinct().rounded()),
          number(c.min()),
          number(c.mean()),
          number(c.max()));
    }
    if (analysis.quickModel() != null) {
      out.printf(
          Locale.ROOT,
          "Quick model (%s): %s %.4f%n",
          analysis.quickModel().problem(),
          analysis.quickModel().metric().toUpperCase(Locale.ROOT),
          analysis.quickModel().score());
    }
    out.println(
        analysis.warnings().isEmpty() ? "No warnings." : analysis.warnings().size() + " warnings:");
    for (Warning w : analysis.warnings()) {
      out.println(
          "  "
              + w.severity()
              + " "
              + w.kind()
              + (w.column().isEmpty() ? "" : " " + w.column())
              + ": "
              + w.message());
    }
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return Math.abs(v) >= 1e7 || (v != 0 && Math.abs(v) < 1e-3)
        ? String.format(Locale.ROOT, "%.4g", v)
        : String.format(Locale.ROOT, "%.4f", v).replaceAll("\\.?0+$", "");
  }

  /** Profiling settings shared by the command and its check. */
  static final class ProfileSettings {
    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "Profiling threads (default: the machine's cores).")
    int threads = ProfileOptions.THREADS_DEFAULT;

    @Option(
        names = "--sample-rows",
        paramLabel = "N",
        defaultValue = "100000",
        description =
            "Rows sampled for correlations, leakage, the quick model and the colour/facet charts (default: ${DEFAULT-VALUE}).")
    int sampleRows = ProfileOptions.SAMPLE_ROWS_DEFAULT;

    /** Profiles the input after checking, before the long pass, that it has every named column. */
    DatasetProfile profile(AnalyzeInput input, PrintWriter err, List<String> named) {
      return profile(input.name(), input::open, err, named);
    }

    /** Profiles what {@code open} opens, after checking that it has every named column. */
    DatasetProfile profile(
        String name, Supplier<BatchSource> open, PrintWriter err, List<String> named) {
      boolean terminal = System.console() != null;
      ProfileOptions options =
          ProfileOptions.defaults()
              .withThreads(threads)
              .withSampleRows(sampleRows)
              .withProgressInterval(terminal ? Duration.ofMillis(250) : Duration.ofSeconds(5));
      AnalyzeProgress progress = new AnalyzeProgress(err, terminal, System.nanoTime());
      try (BatchSource source = open.get()) {
        List<String> columns = source.columns().stream().map(c -> c.name()).toList();
        for (String column : named) {
          if (!columns.contains(column)) {
            throw new ValidationException(
                "Cannot analyse column '"
                    + column
                    + "': no such column in "
                    + name
                    + " (columns: "
                    + String.join(", ", columns)
                    + ")");
          }
        }
        return Profiler.profile(source, options, progress);
      } finally {
        progress.finish();
      }
    }
  }

  /** {@code quiver analyze check}: a dataset against a monitoring baseline. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Check a dataset against a monitoring baseline (statistics.json, constraints.json) and"
              + " write constraint_violations.json. Exit status 3 when a constraint is broken.")
  static final class Check implements Callable<Integer> {
    /** Exit status when the data breaks a constraint. */
    static final int EXIT_VIOLATIONS = 3;

    @Spec CommandSpec spec;

    @Mixin AnalyzeInput input;

    @Mixin ProfileSettings settings;

    @Option(
        names = "--baseline",
        required = true,
        paramLabel = "DIR",
        description = "Folder holding statistics.json and constraints.json.")
    Path baseline;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Where to write the violations (default: DIR/constraint_violations.json).")
    @Nullable Path violationsFile;

    @Override
    public Integer call() {
      input.validate(spec.commandLine());
      Baseline reference = Baseline.read(baseline);
      DatasetProfile current = settings.profile(input, spec.commandLine().getErr(), List.of());
      var violations = reference.check(current);
      Path file =
          violationsFile != null ? violationsFile : baseline.resolve(Baseline.VIOLATIONS_FILE);
      io.quiver.wrangler.analyze.baseline.ConstraintCheck.write(violations, file);
      PrintWriter out = spec.commandLine().getOut();
      if (violations.isEmpty()) {
        out.printf(
            Locale.ROOT,
            "%s meets the baseline (%,d rows). Wrote %s%n",
            input.name(),
            current.rows(),
            file);
      } else {
        out.printf(
            Locale.ROOT,
            "%d violations in %s (%,d rows):%n",
            violations.size(),
            input.name(),
            current.rows());
        for (var v : violations) {
          out.println("  " + v.featureName() + " " + v.checkType() + ": " + v.description());
        }
        out.println("Wrote " + file);
      }
      out.flush();
      return violations.isEmpty() ? 0 : EXIT_VIOLATIONS;
    }
  }
}
