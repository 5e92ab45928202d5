package io.quiver.server.cli;

import io.quiver.clarify.bias.BiasAnalysis;
import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.LabelSupport;
import io.quiver.clarify.bias.MissingValues;
import io.quiver.clarify.bias.ValueSelector;
import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.clarify.bias.report.BiasHtmlReport;
import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.objectstore.S3Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quiver bias}: SageMaker Clarify's pre- and post-training bias metrics of a file, a SQL
 * query over a data directory's offline store, or a feature group's latest records, printed as
 * Clarify's {@code analysis.json}, optionally with an HTML report. Not thread-safe (one instance
 * per invocation, as picocli creates it).
 */
@Command(
    name = "bias",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure bias across a facet (SageMaker Clarify metrics) and print analysis.json.",
      "Rows come from a file (--source), or from a data directory's offline store: a SQL query"
          + " (--query) or a feature group's latest non-deleted record per identifier"
          + " (--feature-group).",
      "Pre-training metrics of the labels always; post-training metrics of the predictions when"
          + " --predicted-label is given. Without --facet-values or --facet-threshold every facet"
          + " value is evaluated one-vs-rest."
    })
final class BiasCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  @Nullable Input input;

  @Option(names = "--label", required = true, paramLabel = "COL", description = "Label column.")
  @Nullable String label;

  @ArgGroup(exclusive = true, multiplicity = "1")
  @Nullable LabelSelection labelSelection;

  @Option(
      names = "--facet",
      required = true,
      paramLabel = "COL",
      description = "Facet (sensitive attribute) column.")
  @Nullable String facet;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  @Nullable FacetSelection facetSelection;

  @Option(
      names = "--group-variable",
      paramLabel = "COL",
      description = "Column whose values define strata for CDDL and CDDPL.")
  @Nullable String groupVariable;

  @Option(
      names = "--predicted-label",
      paramLabel = "COL",
      description = "Predicted-label column; enables post-training metrics.")
  @Nullable String predictedLabel;

  @Option(
      names = "--probability-threshold",
      paramLabel = "T",
      description =
          "Collapse the predicted label as a score: positive when > T (default: like the label).")
  @Nullable Double probabilityThreshold;

  @Option(
      names = "--strict",
      description =
          "Compare label distributions over every label value of either group (KL may be"
              + " Infinity), instead of Clarify's values-present-in-both-groups.")
  boolean strict;

  @Option(
      names = "--missing",
      paramLabel = "skip|fail",
      defaultValue = "skip",
      description =
          "A row with no value in a column read (label, facet, predicted label, group variable):"
              + " skip leaves it out and counts it (default), fail stops at it.")
  String missing = "skip";

  @Option(names = "--report", paramLabel = "FILE.html", description = "Also write an HTML report.")
  @Nullable Path report;

  @Mixin @Nullable S3Options s3;

  /** Where the rows come from: a file, or a data directory's offline store. */
  static final class Input {
    @Option(
        names = "--source",
        required = true,
        paramLabel = "FILE",
        description = "Input rows: .csv (header row names the columns), .csv.gz or .parquet.")
    @Nullable Path source;

    @ArgGroup(exclusive = false, multiplicity = "1")
    @Nullable OfflineInput offline;

    BiasRowSource open(BiasColumns columns, @Nullable ReadOnlyStore history) {
      return source != null
          ? BiasRowSource.open(source, columns)
          : requireSet(offline).open(columns, requireSet(history));
    }
  }

  /**
   * A SQL query or a feature group over a data directory's offline store, read without its lock.
   */
  static final class OfflineInput {
    @Option(
        names = "--data-dir",
        required = true,
        paramLabel = "DIR",
        description = "Data directory whose offline store (flushed and staged rows) is read.")
    @Nullable Path dataDir;

    @Option(
        names = "--query",
        paramLabel = "SQL",
        description = "SQL over the offline store (one table per feature group, see docs/sql.md).")
    @Nullable String query;

    @Option(
        names = "--feature-group",
        paramLabel = "NAME",
        description =
            "A feature group's latest non-deleted record per identifier (what a training set"
                + " sees).")
    @Nullable String featureGroup;

    @Option(
        names = "--account",
        paramLabel = "ID",
        defaultValue = StoreConfig.ACCOUNT_DEFAULT,
        description = "Account in offline paths (default: ${DEFAULT-VALUE}).")
    String account = StoreConfig.ACCOUNT_DEFAULT;

    @Option(
        names = "--region",
        paramLabel = "REGION",
        defaultValue = StoreConfig.REGION_DEFAULT,
        description = "Region in offline paths (default: ${DEFAULT-VALUE}).")
    String region = StoreConfig.REGION_DEFAULT;

    /** Picocli's message for two options of a nested exclusive group is unreadable: check here. */
    void validate(CommandLine line) {
      if ((query == null) == (featureGroup == null)) {
        throw new CommandLine.ParameterException(
            line,
            query == null
                ? "--data-dir needs --query or --feature-group"
                : "--query and --feature-group are mutually exclusive (specify only one)");
      }
    }

    /** The data directory, opened for reading without its lock. */
    ReadOnlyStore openHistory(S3Settings s3) {
      return ReadOnlyStore.open(
          StoreConfig.builder(requireSet(dataDir)).account(account).region(region).s3(s3).build());
    }

    BiasRowSource open(BiasColumns columns, ReadOnlyStore history) {
      return query != null
          ? BiasRowSource.query(history, query, columns)
          : BiasRowSource.featureGroup(history, requireSet(featureGroup), columns);
    }
  }

  /** The values given, or else the threshold (picocli makes the two options exclusive). */
  private static ValueSelector selector(@Nullable List<String> values, @Nullable Double threshold) {
    return values != null
        ? ValueSelector.anyOf(values)
        : ValueSelector.above(requireSet(threshold));
  }

  /** How the label collapses to positive/negative. */
  static final class LabelSelection {
    @Option(
        names = "--label-values",
        split = ",",
        paramLabel = "V",
        description = "Positive label values, comma-separated.")
    @Nullable List<String> values;

    @Option(names = "--label-threshold", paramLabel = "T", description = "Positive when label > T.")
    @Nullable Double threshold;

    ValueSelector selector() {
      return BiasCommand.selector(values, threshold);
    }
  }

  /** Which facet rows form the sensitive group d. */
  static final class FacetSelection {
    @Option(
        names = "--facet-values",
        split = ",",
        paramLabel = "V",
        description = "Facet values forming the sensitive group d, comma-separated.")
    @Nullable List<String> values;

    @Option(names = "--facet-threshold", paramLabel = "T", description = "Group d = facet > T.")
    @Nullable Double threshold;

    ValueSelector selector() {
      return BiasCommand.selector(values, threshold);
    }
  }

  @Override
  public Integer call() {
    CommandLine line = requireSet(spec).commandLine();
    OfflineInput offline = requireSet(input).offline;
    if (offline != null) {
      offline.validate(line);
    }
    BiasConfig config = config(line);
    BiasAnalysis analysis;
    try (ReadOnlyStore history =
            offline == null ? null : offline.openHistory(requireSet(s3).settings(line));
        BiasRowSource rows = requireSet(input).open(config.columns(), history)) {
      analysis = BiasAnalyzer.analyze(config, rows);
    }
    PrintWriter out = line.getOut();
    out.println(AnalysisJson.toJson(analysis));
    out.flush();
    if (analysis.rowsSkipped() > 0) {
      line.getErr()
          .printf(
              Locale.ROOT,
              "quiver: left out %,d of %,d rows for a missing value (--missing skip)%n",
              analysis.rowsSkipped(),
              analysis.rowsSkipped() + analysis.rows());
      line.getErr().flush();
    }
    if (report != null) {
      BiasHtmlReport.write(analysis, report);
    }
    return 0;
  }

  private BiasConfig config(CommandLine line) {
    MissingValues policy =
        switch (missing.toLowerCase(Locale.ROOT)) {
          case "skip" -> MissingValues.SKIP;
          case "fail" -> MissingValues.FAIL;
          default ->
              throw new CommandLine.ParameterException(
                  line, "--missing: " + missing + " (expected: skip or fail)");
        };
    BiasConfig.Builder builder =
        BiasConfig.builder()
            .missing(policy)
            .label(requireSet(label), requireSet(labelSelection).selector())
            .labelSupport(strict ? LabelSupport.UNION : LabelSupport.COMMON_NONZERO);
    if (facetSelection == null) {
      builder.facet(requireSet(facet));
    } else {
      builder.facet(requireSet(facet), facetSelection.selector());
    }
    if (groupVariable != null) {
      builder.groupVariable(groupVariable);
    }
    if (probabilityThreshold != null && predictedLabel == null) {
      throw new CommandLine.ParameterException(
          line, "--probability-threshold needs --predicted-label");
    }
    if (predictedLabel != null) {
      if (probabilityThreshold != null) {
        builder.predictedLabel(predictedLabel, ValueSelector.above(probabilityThreshold));
      } else {
        builder.predictedLabel(predictedLabel);
      }
    }
    return builder.build();
  }

  private static <T> T requireSet(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("picocli did not set a required option");
    }
    return value;
  }
}
