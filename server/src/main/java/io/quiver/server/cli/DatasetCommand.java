package io.quiver.server.cli;

import io.quiver.query.pit.Dataset;
import io.quiver.query.pit.DatasetBase;
import io.quiver.query.pit.DatasetBuilder;
import io.quiver.query.pit.JoinType;
import io.quiver.query.pit.Split;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Override
  public Integer call() {
    DatasetBase base;
    if (baseGroup != null) {
      base = DatasetBase.featureGroup(baseGroup);
    } else if (baseQuery != null) {
      base =
          DatasetBase.query(baseQuery, required(idColumn, "--id"), required(timeColumn, "--time"));
    } else if (baseFile != null) {
      String id = required(idColumn, "--id");
      String time = required(timeColumn, "--time");
      base =
          baseFile.toString().endsWith(".parquet")
              ? DatasetBase.parquet(baseFile, id, time)
              : DatasetBase.csv(baseFile, id, time);
    } else {
      throw new IllegalArgumentException(
          "Cannot build a dataset without a base: give --base, --base-group or --base-query");
    }
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
      DatasetBuilder builder = DatasetBuilder.create(history, base);
      configure(builder);
      dataset = builder.executor(readers).build();
    } finally {
      readers.shutdownNow();
    }
    return write(dataset);
  }

  private void configure(DatasetBuilder builder) {
    for (String join : joins) {
      String[] parts = join.split(":");
      if (parts.length < 2) {
        throw new IllegalArgumentException(
            "--join: " + join + " (expected: GROUP:BASE_COLUMN[:FEATURES][:left])");
      }
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
    if (split != null) {
      double[] f = Arrays.stream(split.split(",")).mapToDouble(Double::parseDouble).toArray();
      if (f.length != 3) {
        throw new IllegalArgumentException("--split: " + split + " (expected: three fractions)");
      }
      builder.split(new Split(f[0], f[1], f[2]));
    }
  }

  private int write(Dataset dataset) {
    if (output == null) {
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
    List<Path> files =
        output.toString().endsWith(".parquet")
            ? dataset.writeParquet(output)
            : dataset.writeCsv(output);
    spec.commandLine()
        .getErr()
        .println("quiver: wrote " + dataset.rowCount() + " rows to " + files);
    return 0;
  }

  private static String required(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException("Cannot build a dataset from this base without " + option);
    }
    return value;
  }
}
