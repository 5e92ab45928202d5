package io.quiver.server.cli;

import io.quiver.server.grpc.GrpcEndpoint;
import io.quiver.server.grpc.GrpcRecordSink;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
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
      description = "With --create, also keep history offline under this s3:// or file:// URI.")
  @Nullable String offlineStore;

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
      description = "fail (default; commit nothing from the failing batch on) or skip.")
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
          create ? SchemaInference.infer(input, recordIdentifier, eventTime, inferRows) : null;
      if (dryRun) {
        out.println(schema.toJson());
        out.flush();
        return 0;
      }
      return importInto(input, schema, out, err);
    }
  }

  private int importInto(
      ImportSource input, @Nullable InferredSchema schema, PrintWriter out, PrintWriter err) {
    boolean terminal = System.console() != null;
    ImportConfig config =
        ImportConfig.builder()
            .batchSize(batchSize)
            .writerThreads(threads)
            .onError(OnError.valueOf(onError.toUpperCase(Locale.ROOT)))
            .progressInterval(terminal ? Duration.ofMillis(250) : Duration.ofSeconds(5))
            .build();
    ProgressPrinter printer = new ProgressPrinter(err, terminal);
    CountDownLatch finished = new CountDownLatch(1);
    try {
      if (target != null) {
        try (GrpcRecordSink sink = GrpcRecordSink.connect(target)) {
          if (schema != null) {
            sink.createFeatureGroup(spec(schema));
            out.println(
                "Created feature group "
                    + featureGroup
                    + " with "
                    + schema.features().size()
                    + " features at "
                    + target);
          }
          return run(Importer.create(sink, config), input, printer, finished, out, err);
        }
      }
      try (QuiverStore store =
          QuiverStore.open(
              StoreConfig.builder(dataDir != null ? dataDir : DATA_DIR_DEFAULT).build())) {
        if (schema != null) {
          store.createFeatureGroup(spec(schema));
          out.println(
              "Created feature group "
                  + featureGroup
                  + " with "
                  + schema.features().size()
                  + " features");
        }
        return run(Importer.create(store, config), input, printer, finished, out, err);
      }
    } finally {
      finished.countDown();
    }
  }

  /**
   * The group to create: the inferred definition, online, and offline under --offline-store if
   * given.
   */
  private FeatureGroupSpec spec(InferredSchema schema) {
    FeatureGroupSpec.Builder group =
        schema.toSpec(featureGroup).onlineStore(OnlineStoreConfig.enabled());
    if (offlineStore != null) {
      group.offlineStore(OfflineStoreConfig.at(offlineStore));
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
      return summary.stopped() ? EXIT_STOPPED : 0;
    } catch (ImportFailedException e) {
      printer.finish();
      err.println("quiver: " + e.getMessage());
      out.println("Failed: " + e.summary());
      out.flush();
      err.flush();
      return 1;
    } finally {
      removeHook(hook);
    }
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
      return ImportSource.jdbc(source, query, properties);
    }
    SourceOptions options =
        SourceOptions.defaults()
            .withFormat(format == null ? null : SourceFormat.of(format))
            .withS3(s3.settings(spec.commandLine()));
    return ImportSource.open(source, options);
  }

  private void checkOptions() {
    if (source.startsWith("jdbc:") == (query == null)) {
      throw new ParameterException(
          spec.commandLine(),
          query == null
              ? "--query is required with a jdbc: source"
              : "--query needs a jdbc: source");
    }
    if ((create || dryRun) && (recordIdentifier == null || eventTime == null)) {
      throw new ParameterException(
          spec.commandLine(), "--create and --dry-run need --record-identifier and --event-time");
    }
    if (dryRun && !create) {
      throw new ParameterException(spec.commandLine(), "--dry-run needs --create");
    }
    if (server.given() && dataDir != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--endpoint and --data-dir are mutually exclusive: import into a server or into a folder");
    }
    target = server.toEndpoint(spec.commandLine(), System.getenv());
    if (!onError.equalsIgnoreCase("fail") && !onError.equalsIgnoreCase("skip")) {
      throw new ParameterException(
          spec.commandLine(), "--on-error: " + onError + " (expected: fail or skip)");
    }
  }
}
