package io.quiver.server.cli;

import io.quiver.query.pit.Dataset;
import io.quiver.query.pit.DatasetBase;
import io.quiver.query.pit.DatasetBuilder;
import io.quiver.query.pit.JoinType;
import io.quiver.query.pit.Split;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quiver dataset}: builds a point-in-time dataset from a data directory's offline store. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Build a point-in-time training dataset (CSV or Parquet).")
final class DatasetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = "quiver-data",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--account",
      defaultValue = StoreConfig.ACCOUNT_DEFAULT,
      description = "Account in offline paths.")
  String account;

  @Option(
      names = "--region",
      defaultValue = StoreConfig.REGION_DEFAULT,
      description = "Region in offline paths.")
  String region;

  @Mixin S3Options s3;

  @Option(names = "--base", description = "Base entities: a .csv or .parquet file.")
  Path baseFile;

  @Option(names = "--base-group", description = "Base entities: a feature group.")
  String baseGroup;

  @Option(names = "--base-query", description = "Base entities: a SQL query.")
  String baseQuery;

  @Option(names = "--id", description = "Base identifier column (file or query base).")
  String idColumn;

  @Option(names = "--time", description = "Base event time column (file or query base).")
  String timeColumn;

  @Option(
      names = "--join",
      required = true,
      description = "GROUP:BASE_COLUMN[:FEATURE,FEATURE...][:left], repeatable.")
  List<String> joins;

  @Option(
      names = "--point-in-time",
      description = "As-of join on the base event time (no leakage).")
  boolean pointInTime;

  @Option(names = "--as-of", description = "Ignore rows written after this ISO-8601 instant.")
  Instant asOf;

  @Option(names = "--from", description = "Earliest event time (ISO-8601).")
  Instant from;

  @Option(names = "--to", description = "Latest event time (ISO-8601).")
  Instant to;

  @Option(names = "--include-deleted", description = "Keep rows removed by later deletes.")
  boolean includeDeleted;

  @Option(
      names = "--include-duplicated",
      description = "Keep every row of an (identifier, event time).")
  boolean includeDuplicated;

  @Option(names = "--split", description = "TRAIN,VALIDATION,TEST fractions, e.g. 0.8,0.1,0.1.")
  String split;

  @Option(
      names = "--output",
      description = "Output .csv or .parquet file (default: CSV on stdout).")
  Path output;

  @Option(
      names = "--format",
      description = "csv or parquet (default: from the --output extension; csv on stdout).")
  String format;

  /** What the options asked for, checked before any file is read. */
  private record Plan(
      DatasetBase base, List<String[]> joins, @Nullable Split split, boolean parquet) {}

  @Override
  public Integer call() {
    Plan plan = checkOptions(spec.commandLine());
    Dataset dataset;
    // This command is the composition root: files are read on one thread per core.
    ExecutorService readers =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try (ReadOnlyStore history =
        ReadOnlyStore.open(
            StoreConfig.builder(dataDir)
                .account(account)
                .region(region)
                .s3(s3.settings(spec.commandLine()))
                .build())) {
      DatasetBuilder builder = DatasetBuilder.create(history, plan.base());
      configure(builder, plan);
      dataset = builder.executor(readers).build();
    } finally {
      readers.shutdownNow();
    }
    return write(dataset, plan);
  }

  private void configure(DatasetBuilder builder, Plan plan) {
    for (String[] parts : plan.joins()) {
      boolean left = parts[parts.length - 1].equalsIgnoreCase("left");
      int featureIndex = 2;
      List<String> features =
          parts.length > featureIndex && !(left && parts.length == 3)
              ? Arrays.asList(parts[featureIndex].split(","))
              : List.of();
      builder.withFeatureGroup(parts[0], parts[1], features, left ? JoinType.LEFT : JoinType.INNER);
    }
    if (pointInTime) {
      builder.pointInTimeAccurateJoin();
    }
    if (asOf != null) {
      builder.asOf(asOf);
    }
    if (from != null || to != null) {
      builder.eventTimeRange(
          from == null ? Instant.EPOCH : from,
          to == null ? Instant.parse("9999-12-31T23:59:59Z") : to);
    }
    if (includeDeleted) {
      builder.includeDeletedRecords();
    }
    if (includeDuplicated) {
      builder.includeDuplicatedRecords();
    }
    Split split = plan.split();
    if (split != null) {
      builder.split(split);
    }
  }

  private int write(Dataset dataset, Plan plan) {
    if (output == null && !plan.parquet()) {
      var out = spec.commandLine().getOut();
      out.println(String.join(",", dataset.columnNames()));
      for (Object[] row : dataset) {
        out.println(
            String.join(
                ",", Arrays.stream(row).map(io.quiver.query.pit.CsvFormat::quote).toList()));
      }
      out.flush();
      return 0;
    }
    List<Path> files = plan.parquet() ? dataset.writeParquet(output) : dataset.writeCsv(output);
    spec.commandLine()
        .getErr()
        .println("quiver: wrote " + dataset.rowCount() + " rows to " + files);
    return 0;
  }

  /**
   * Checks every option against the others before any work: one base, the columns it needs, joins
   * that parse, a time range that runs forward, a split of three fractions, an output format.
   */
  private Plan checkOptions(CommandLine line) {
    int bases =
        (baseFile != null ? 1 : 0) + (baseGroup != null ? 1 : 0) + (baseQuery != null ? 1 : 0);
    if (bases != 1) {
      throw new ParameterException(
          line,
          bases == 0
              ? "a dataset needs a base: give --base FILE, --base-group GROUP or --base-query SQL"
              : "--base, --base-group and --base-query are mutually exclusive: give one");
    }
    DatasetBase base;
    if (baseGroup != null) {
      if (idColumn != null || timeColumn != null) {
        throw new ParameterException(
            line, "--id and --time go with --base or --base-query: a --base-group has its own");
      }
      base = DatasetBase.featureGroup(baseGroup);
    } else {
      if (idColumn == null || timeColumn == null) {
        throw new ParameterException(
            line, "--base and --base-query need --id and --time (the base's columns)");
      }
      if (baseQuery != null) {
        base = DatasetBase.query(baseQuery, idColumn, timeColumn);
      } else {
        String name = baseFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(baseFile)) {
          throw new ParameterException(line, "--base: " + baseFile + " is not a file");
        }
        if (name.endsWith(".parquet")) {
          base = DatasetBase.parquet(baseFile, idColumn, timeColumn);
        } else if (name.endsWith(".csv")) {
          base = DatasetBase.csv(baseFile, idColumn, timeColumn);
        } else {
          throw new ParameterException(
              line, "--base: " + baseFile + " (expected: a .csv or .parquet file)");
        }
      }
    }
    List<String[]> parsedJoins = new ArrayList<>();
    for (String join : joins) {
      String[] parts = join.split(":");
      if (parts.length < 2 || parts.length > 4 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
        throw new ParameterException(
            line, "--join: " + join + " (expected: GROUP:BASE_COLUMN[:FEATURE,FEATURE...][:left])");
      }
      parsedJoins.add(parts);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new ParameterException(
          line, "--from " + from + " is after --to " + to + " (expected: --from <= --to)");
    }
    Split parsedSplit = null;
    if (split != null) {
      String[] parts = split.split(",");
      try {
        if (parts.length != 3) {
          throw new NumberFormatException();
        }
        parsedSplit =
            new Split(
                Double.parseDouble(parts[0].strip()),
                Double.parseDouble(parts[1].strip()),
                Double.parseDouble(parts[2].strip()));
      } catch (NumberFormatException e) {
        throw new ParameterException(
            line, "--split: " + split + " (expected: three fractions such as 0.8,0.1,0.1)");
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            line, "--split: " + split + " (expected: fractions of at least 0 that sum to 1)");
      }
    }
    return new Plan(base, parsedJoins, parsedSplit, parquetOutput(line));
  }

  /** Whether the output is Parquet: --format, else the --output extension; CSV on stdout. */
  private boolean parquetOutput(CommandLine line) {
    String extension = null;
    if (output != null) {
      String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
      extension = name.endsWith(".parquet") ? "parquet" : name.endsWith(".csv") ? "csv" : null;
    }
    if (format != null) {
      String wanted = format.toLowerCase(Locale.ROOT);
      if (!wanted.equals("csv") && !wanted.equals("parquet")) {
        throw new ParameterException(line, "--format: " + format + " (expected: csv or parquet)");
      }
      if (extension != null && !extension.equals(wanted)) {
        throw new ParameterException(
            line, "--format " + format + " contradicts --output " + output + ": pick one format");
      }
      if (output == null && wanted.equals("parquet")) {
        throw new ParameterException(line, "--format parquet needs --output FILE (not stdout)");
      }
      return wanted.equals("parquet");
    }
    if (output != null && extension == null) {
      throw new ParameterException(
          line,
          "--output: "
              + output
              + " (expected: a .csv or .parquet file, or --format csv|parquet for another name)");
    }
    return "parquet".equals(extension);
  }
}
