package io.quiver.server.cli;

import static java.util.Objects.requireNonNull;

import io.quiver.protocol.client.GrpcEndpoint;
import io.quiver.server.grpc.GrpcRecordSink;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.importer.ImportConfig;
import io.quiver.wrangler.importer.ImportFailedException;
import io.quiver.wrangler.importer.ImportSummary;
import io.quiver.wrangler.importer.Importer;
import io.quiver.wrangler.importer.OnError;
import io.quiver.wrangler.schema.InferredSchema;
import io.quiver.wrangler.schema.SchemaInference;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceFormat;
import io.quiver.wrangler.source.SourceOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code quiver import}: loads a file, a glob, an S3 location or a JDBC query into a feature group,
 * optionally creating the group from inferred definitions; into a data directory, or with {@code
 * --endpoint} into a running server over gRPC. Ctrl-C stops after the current batch and prints what
 * was committed.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import CSV, JSON, Parquet or ORC files (local or s3://) or a JDBC query into a feature group.")
final class ImportCommand implements Callable<Integer> {
  /** Exit status after Ctrl-C, as shells report a SIGINT. */
  static final int EXIT_STOPPED = 130;

  @Spec CommandSpec spec;

  /** The data directory when neither it nor an endpoint is given. */
  static final Path DATA_DIR_DEFAULT = Path.of("quiver-data");

  @Option(
      names = "--data-dir",
      description = "Data directory (default: quiver-data); not with --endpoint.")
  @Nullable Path dataDir;

  @Mixin EndpointOptions server;

  /**
   * The server to send to (from {@link #server}), checked with the other options; null for a data
   * directory.
   */
  private @Nullable GrpcEndpoint target;

  @Option(names = "--feature-group", required = true, description = "Feature group to import into.")
  String featureGroup;

  @Option(
      names = "--source",
      required = true,
      description =
          "A file, a glob (data/*.csv), an s3://bucket/key or s3://bucket/prefix/ URI, or a jdbc: URL with --query.")
  String source;

  @Option(
      names = "--format",
      description = "csv, json, parquet or orc (default: from each file's extension).")
  @Nullable String format;

  @Option(names = "--query", description = "The SELECT to run, for a jdbc: source.")
  @Nullable String query;

  @Option(names = "--jdbc-user", description = "Database user, for a jdbc: source.")
  @Nullable String jdbcUser;

  @Option(
      names = "--jdbc-password",
      arity = "0..1",
      interactive = true,
      description = "Database password (prompted if no value).")
  char @Nullable [] jdbcPassword;

  @Option(
      names = "--create",
      description = "Create the feature group from definitions inferred from the data.")
  boolean create;

  @Option(names = "--record-identifier", description = "Record identifier column, with --create.")
  @Nullable String recordIdentifier;

  @Option(names = "--event-time", description = "Event time column, with --create.")
  @Nullable String eventTime;

  @Option(
      names = "--offline-store",
      description =
          "With --create, keep history offline under this s3:// or file:// URI (default: the data"
              + " directory's offline store).")
  @Nullable String offlineStore;

  @Option(
      names = "--online-only",
      description = "With --create, keep no history offline (only the latest record per id).")
  boolean onlineOnly;

  @Option(
      names = "--skip-rows",
      defaultValue = "0",
      description =
          "Pass over this many rows at the start of the input, to resume an import that stopped"
              + " (a failed run prints the number).")
  long skipRows;

  @Option(
      names = "--no-bulk",
      description =
          "Write through PutRecords a batch at a time even into a new or empty group, instead of"
              + " a bulk load (which writes all rows or none): a bad row then leaves the batches"
              + " before it committed.")
  boolean noBulk;

  @Option(
      names = "--dry-run",
      description = "With --create, print the inferred definition and stop.")
  boolean dryRun;

  @Option(
      names = "--infer-rows",
      defaultValue = "10000",
      description = "Rows sampled for inference (default: ${DEFAULT-VALUE}).")
  int inferRows;

  @Option(
      names = "--on-error",
      defaultValue = "fail",
      description =
          "fail (default; commit nothing from the failing batch on) or skip; applies to the"
              + " sampled rows of --create and --dry-run too.")
  String onError;

  @Option(
      names = "--batch-size",
      defaultValue = "1000",
      description = "Rows per batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Writer threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Mixin S3Options s3;

  @Override
  public Integer call() {
    checkOptions();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ImportSource input = openSource()) {
      InferredSchema schema =
          create
              ? SchemaInference.infer(
                  input, requireNonNull(recordIdentifier), requireNonNull(eventTime), inferRows)
              : null;
      if (schema != null && schema.rowsUnfit() > 0) {
        if (policy() == OnError.FAIL) {
          throw new ValidationException(
              "Cannot create feature group "
                  + featureGroup
                  + ": "
                  + schema.unfitSummary()
                  + "; fix those rows, or pass --on-error skip to import without them");
        }
        err.println(
            "quiver: warning: "
                + schema.unfitSummary()
                + "; they will be skipped (--on-error skip)");
        err.flush();
      }
      if (dryRun) {
        // checkOptions: --dry-run needs --create, so there is a schema
        out.println(requireNonNull(schema).toJson());
        out.flush();
        return 0;
      }
      return importInto(input, schema, out, err);
    }
  }

  private OnError policy() {
    return OnError.valueOf(onError.toUpperCase(Locale.ROOT));
  }

  private int importInto(
      ImportSource input, @Nullable InferredSchema schema, PrintWriter out, PrintWriter err) {
    boolean terminal = System.console() != null;
    ImportConfig config =
        ImportConfig.builder()
            .batchSize(batchSize)
            .writerThreads(threads)
            .onError(policy())
            .skipRows(skipRows)
            .bulk(!noBulk)
            .progressInterval(terminal ? Duration.ofMillis(250) : Duration.ofSeconds(5))
            .build();
    ProgressPrinter printer = new ProgressPrinter(err, terminal);
    CountDownLatch finished = new CountDownLatch(1);
    try {
      if (target != null) {
        try (GrpcRecordSink sink = GrpcRecordSink.connect(target)) {
          if (schema != null) {
            FeatureGroup created = sink.createFeatureGroup(spec(schema));
            out.println(created(created) + " at " + target);
          }
          return run(Importer.create(sink, config), input, printer, finished, out, err);
        }
      }
      try (QuiverStore store = QuiverStore.open(StoreConfig.builder(dataDirectory()).build())) {
        if (schema != null) {
          out.println(created(store.createFeatureGroup(spec(schema))));
        }
        return run(Importer.create(store, config), input, printer, finished, out, err);
      }
    } finally {
      finished.countDown();
    }
  }

  private Path dataDirectory() {
    return dataDir != null ? dataDir : DATA_DIR_DEFAULT;
  }

  /** "Created feature group g with 3 features, online and offline under URI". */
  private static String created(FeatureGroup group) {
    String stores =
        group.spec().hasOfflineStore()
            ? "online and offline under " + group.resolvedOutputS3Uri()
            : "online only";
    return "Created feature group "
        + group.name()
        + " with "
        + group.features().size()
        + " features, "
        + stores;
  }

  /**
   * The group to create: the inferred definition, online, and offline under --offline-store or the
   * store's default location unless --online-only.
   */
  private FeatureGroupSpec spec(InferredSchema schema) {
    FeatureGroupSpec.Builder group =
        schema.toSpec(featureGroup).onlineStore(OnlineStoreConfig.enabled());
    if (!onlineOnly) {
      group.offlineStore(
          offlineStore != null
              ? OfflineStoreConfig.at(offlineStore)
              : OfflineStoreConfig.storeDefault());
    }
    return group.build();
  }

  private int run(
      Importer importer,
      ImportSource input,
      ProgressPrinter printer,
      CountDownLatch finished,
      PrintWriter out,
      PrintWriter err) {
    Thread hook = new Thread(() -> stopAndWait(importer, finished), "quiver-import-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ImportSummary summary = importer.run(input, featureGroup, printer);
      printer.finish();
      out.println((summary.stopped() ? "Stopped (Ctrl-C): " : "Imported ") + summary);
      out.flush();
      if (summary.stopped()) {
        err.println(resumeHint(summary));
        err.flush();
      }
      return summary.stopped() ? EXIT_STOPPED : 0;
    } catch (ImportFailedException e) {
      printer.finish();
      err.println("quiver: " + e.getMessage());
      out.println("Failed: " + e.summary());
      err.println(resumeHint(e.summary()));
      out.flush();
      err.flush();
      return 1;
    } finally {
      removeHook(hook);
    }
  }

  /**
   * How to pick up where {@code summary} left off: the same command with --skip-rows at the first
   * row not committed (and without --create, the group exists now).
   */
  private String resumeHint(ImportSummary summary) {
    long before = summary.resumeAt();
    StringBuilder hint =
        new StringBuilder(
            before == 0
                ? "quiver: no row of the input is committed"
                : String.format(
                    Locale.ROOT,
                    "quiver: rows 1 to %,d of the input are committed%s, none after them",
                    before,
                    summary.rowsSkipped() > 0 ? " (or were skipped as bad)" : ""));
    if (summary.committedPastResume() > 0) {
      hint.append(
          String.format(
              Locale.ROOT,
              " but %,d written by concurrent batches (resuming writes those again to the offline"
                  + " store)",
              summary.committedPastResume()));
    }
    hint.append("; to resume, run the same command");
    if (before > 0) {
      hint.append(" with --skip-rows ").append(before);
    }
    if (create) {
      hint.append(before > 0 ? " and" : "").append(" without --create");
    }
    return hint.toString();
  }

  /** Runs in the shutdown hook: stop after the current batch, and wait for the summary. */
  private static void stopAndWait(Importer importer, CountDownLatch finished) {
    importer.stop();
    try {
      finished.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it waits for this import to finish
    }
  }

  private ImportSource openSource() {
    if (source.startsWith("jdbc:")) {
      Properties properties = new Properties();
      if (jdbcUser != null) {
        properties.setProperty("user", jdbcUser);
      }
      if (jdbcPassword != null) {
        properties.setProperty("password", new String(jdbcPassword));
      }
      return ImportSource.jdbc(source, requireNonNull(query), properties);
    }
    SourceOptions options =
        SourceOptions.defaults()
            .withFormat(format == null ? null : SourceFormat.of(format))
            .withS3(s3.settings(spec.commandLine()));
    return ImportSource.open(source, options);
  }

  private void checkOptions() {
    CommandLine line = spec.commandLine();
    if (source.startsWith("jdbc:") == (query == null)) {
      throw new ParameterException(
          line,
          query == null
              ? "--query is required with a jdbc: source"
              : "--query needs a jdbc: source");
    }
    if (!source.startsWith("jdbc:") && (jdbcUser != null || jdbcPassword != null)) {
      throw new ParameterException(line, "--jdbc-user and --jdbc-password need a jdbc: source");
    }
    if (source.startsWith("jdbc:") && format != null) {
      throw new ParameterException(line, "--format is for files, not a jdbc: source");
    }
    if (format != null) {
      try {
        SourceFormat.of(format);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            line, "--format: " + format + " (expected: csv, json, parquet or orc)");
      }
    }
    if ((create || dryRun) && (recordIdentifier == null || eventTime == null)) {
      throw new ParameterException(
          line, "--create and --dry-run need --record-identifier and --event-time");
    }
    if (!create && (recordIdentifier != null || eventTime != null)) {
      throw new ParameterException(
          line,
          "--record-identifier and --event-time go with --create: an existing group has its own");
    }
    if (dryRun && !create) {
      throw new ParameterException(line, "--dry-run needs --create");
    }
    if (!create && (onlineOnly || offlineStore != null)) {
      throw new ParameterException(
          line, "--online-only and --offline-store go with --create: they shape the new group");
    }
    if (onlineOnly && offlineStore != null) {
      throw new ParameterException(
          line,
          "--online-only and --offline-store contradict each other: keep history offline, or not");
    }
    checkPositive(line, "--batch-size", batchSize);
    checkPositive(line, "--threads", threads);
    checkPositive(line, "--infer-rows", inferRows);
    if (skipRows < 0) {
      throw new ParameterException(line, "--skip-rows: " + skipRows + " (expected: >= 0)");
    }
    if (!onError.equalsIgnoreCase("fail") && !onError.equalsIgnoreCase("skip")) {
      throw new ParameterException(line, "--on-error: " + onError + " (expected: fail or skip)");
    }
    if (server.given() && dataDir != null) {
      throw new ParameterException(
          line,
          "--endpoint and --data-dir are mutually exclusive: import into a server or into a folder");
    }
    target = server.toEndpoint(line, System.getenv());
    if (target == null && !dryRun && !create && !QuiverStore.exists(dataDirectory())) {
      throw new ParameterException(
          line,
          "--data-dir: "
              + dataDirectory()
              + " holds no Quiver data directory (expected: a folder made by quiver serve or"
              + " quiver import --create; check the path, or add --create to start one)");
    }
  }

  private static void checkPositive(CommandLine line, String option, int value) {
    if (value < 1) {
      throw new ParameterException(line, option + ": " + value + " (expected: >= 1)");
    }
  }
}
