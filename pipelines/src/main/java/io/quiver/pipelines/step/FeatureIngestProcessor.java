package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.error.QuiverException;
import io.quiver.wrangler.importer.ImportConfig;
import io.quiver.wrangler.importer.ImportListener;
import io.quiver.wrangler.importer.ImportSummary;
import io.quiver.wrangler.importer.Importer;
import io.quiver.wrangler.schema.InferredSchema;
import io.quiver.wrangler.schema.SchemaInference;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Feature ingestion as an in-engine processor (image {@value #IMAGE}): every file of every input
 * (CSV, JSON, Parquet, ORC) is imported into the feature group named by the job's {@code
 * FEATURE_GROUP_NAME} environment variable, through the same importer as {@code quiver import},
 * then the offline store is flushed so later steps read the rows. An output named {@code summary},
 * if declared, receives {@code summary.json}. Thread-safe.
 */
public final class FeatureIngestProcessor implements BuiltinProcessor {
  /** The image name that selects this processor. */
  public static final String IMAGE = "quiver:ingest";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final QuiverStore store;

  /** Ingests into {@code store}. */
  public FeatureIngestProcessor(QuiverStore store) {
    this.store = store;
  }

  @Override
  public void process(StepRun run, Map<String, Path> inputs, Map<String, Path> outputs) {
    String group =
        JobSupport.stringMap(run.arguments().get("Environment")).get("FEATURE_GROUP_NAME");
    if (group == null || group.isEmpty()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR, "Feature ingestion needs Environment.FEATURE_GROUP_NAME");
    }
    Map<String, String> env = JobSupport.stringMap(run.arguments().get("Environment"));
    if (store.listFeatureGroups().stream().noneMatch(g -> g.name().equals(group))) {
      create(group, env, inputs);
    }
    long read = 0;
    long written = 0;
    for (Path folder : inputs.values()) {
      for (Path file : files(folder)) {
        ImportSummary summary;
        try (ImportSource source = ImportSource.open(file.toString(), SourceOptions.defaults())) {
          summary =
              Importer.create(store, ImportConfig.defaults())
                  .run(source, group, ImportListener.silent());
        } catch (QuiverException | IllegalArgumentException | UncheckedIOException e) {
          throw new StepFailedException(
              FailureType.JOB_INTERNAL_ERROR,
              "Feature ingestion of " + file.getFileName() + " failed: " + e.getMessage());
        }
        if (summary.failed().isPresent()) {
          throw new StepFailedException(
              FailureType.JOB_INTERNAL_ERROR,
              "Feature ingestion of " + file.getFileName() + " failed: " + summary.failed().get());
        }
        read += summary.rowsRead();
        written += summary.rowsWritten();
      }
    }
    store.flush();
    Path out = outputs.get("summary");
    if (out != null) {
      ObjectNode summary = MAPPER.createObjectNode();
      summary.put("FeatureGroupName", group).put("RowsRead", read).put("RowsWritten", written);
      try {
        Files.write(out.resolve("summary.json"), MAPPER.writeValueAsBytes(summary));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write summary.json in " + out, e);
      }
    }
  }

  /** Creates the group from definitions inferred from the first input file, if asked to. */
  private void create(String group, Map<String, String> env, Map<String, Path> inputs) {
    String id = env.get("RECORD_IDENTIFIER_NAME");
    String time = env.get("EVENT_TIME_NAME");
    if (id == null || time == null) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Feature ingestion: feature group "
              + group
              + " does not exist (create it, or set Environment.RECORD_IDENTIFIER_NAME and"
              + " EVENT_TIME_NAME to create it from the data)");
    }
    Path first =
        inputs.values().stream()
            .flatMap(f -> files(f).stream())
            .findFirst()
            .orElseThrow(
                () ->
                    new StepFailedException(
                        FailureType.CLIENT_ERROR, "Feature ingestion: no input files"));
    try (ImportSource source = ImportSource.open(first.toString(), SourceOptions.defaults())) {
      InferredSchema schema =
          SchemaInference.infer(source, id, time, SchemaInference.SAMPLE_ROWS_DEFAULT);
      store.createFeatureGroup(
          schema
              .toSpec(group)
              .onlineStore(OnlineStoreConfig.enabled())
              .offlineStore(OfflineStoreConfig.storeDefault())
              .build());
    } catch (QuiverException | IllegalArgumentException e) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Feature ingestion: cannot create " + group + ": " + e.getMessage());
    }
  }

  private static List<Path> files(Path folder) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
    return out;
  }
}
