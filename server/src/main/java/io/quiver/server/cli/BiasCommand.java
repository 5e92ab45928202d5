package io.quiver.server.cli;

import io.quiver.query.bias.BiasAnalysis;
import io.quiver.query.bias.BiasAnalyzer;
import io.quiver.query.bias.BiasConfig;
import io.quiver.query.bias.LabelSupport;
import io.quiver.query.bias.ValueSelector;
import io.quiver.query.bias.report.AnalysisJson;
import io.quiver.query.bias.report.BiasHtmlReport;
import io.quiver.query.bias.source.BiasRowSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quiver bias}: SageMaker Clarify's pre- and post-training bias metrics of a file, printed
 * as Clarify's {@code analysis.json}, optionally with an HTML report. Not thread-safe (one instance
 * per invocation, as picocli creates it).
 */
@Command(
    name = "bias",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure bias across a facet (SageMaker Clarify metrics) and print analysis.json.",
      "Pre-training metrics of the labels always; post-training metrics of the predictions when"
          + " --predicted-label is given. Without --facet-values or --facet-threshold every facet"
          + " value is evaluated one-vs-rest."
    })
final class BiasCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "FILE",
      description = "Input rows: .csv (header row names the columns), .csv.gz or .parquet.")
  @Nullable Path source;

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

  @Option(names = "--report", paramLabel = "FILE.html", description = "Also write an HTML report.")
  @Nullable Path report;

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
      return values != null
          ? ValueSelector.anyOf(values)
          : ValueSelector.above(requireSet(threshold));
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
      return values != null
          ? ValueSelector.anyOf(values)
          : ValueSelector.above(requireSet(threshold));
    }
  }

  @Override
  public Integer call() {
    CommandLine line = requireSet(spec).commandLine();
    BiasConfig config = config(line);
    BiasAnalysis analysis;
    try (BiasRowSource rows = BiasRowSource.open(requireSet(source), config.columns())) {
      analysis = BiasAnalyzer.analyze(config, rows);
    }
    PrintWriter out = line.getOut();
    out.println(AnalysisJson.toJson(analysis));
    out.flush();
    if (report != null) {
      BiasHtmlReport.write(analysis, report);
    }
    return 0;
  }

  private BiasConfig config(CommandLine line) {
    BiasConfig.Builder builder =
        BiasConfig.builder()
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
