package io.quiver.pipelines.step;

import io.quiver.pipelines.definition.FailureType;
import io.quiver.query.pit.Dataset;
import io.quiver.query.pit.DatasetBase;
import io.quiver.query.pit.DatasetBuilder;
import io.quiver.query.pit.JoinType;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.error.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A point-in-time training set as an in-engine processor (image {@value #IMAGE}), built as {@code
 * quiver dataset} builds one. Environment: {@code BASE_GROUP} (a feature group) or an input named
 * {@code base} (a CSV or Parquet file) with {@code ID_COLUMN} and {@code TIME_COLUMN}; {@code
 * JOINS}, {@code ;}-separated {@code GROUP:BASE_COLUMN[:FEATURE,...][:left]}; {@code POINT_IN_TIME}
 * ({@code true} for an as-of join on the base's event time). Writes {@code dataset.csv} (or {@code
 * dataset.parquet} with {@code FORMAT=parquet}) to output {@code dataset}. Thread-safe.
 */
public final class DatasetProcessor implements BuiltinProcessor {
  /** The image name that selects this processor. */
  public static final String IMAGE = "quiver:dataset";

  private final QuiverStore store;

  /** Reads the offline store of {@code store}. */
  public DatasetProcessor(QuiverStore store) {
    this.store = store;
  }

  @Override
  public void process(StepRun run, Map<String, Path> inputs, Map<String, Path> outputs) {
    Map<String, String> env = JobSupport.stringMap(run.arguments().get("Environment"));
    Path out = outputs.get("dataset");
    if (out == null) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR, "Dataset building needs a processing output named 'dataset'");
    }
    DatasetBase base = base(env, inputs);
    store.flush();
    try {
      DatasetBuilder builder = DatasetBuilder.create(store.offlineHistory(), base);
      for (String join : env.getOrDefault("JOINS", "").split(";")) {
        if (!join.isBlank()) {
          join(builder, join.strip());
        }
      }
      if (Boolean.parseBoolean(env.getOrDefault("POINT_IN_TIME", "false"))) {
        builder.pointInTimeAccurateJoin();
      }
      Dataset dataset = builder.build();
      if ("parquet".equalsIgnoreCase(env.get("FORMAT"))) {
        dataset.writeParquet(out.resolve("dataset.parquet"));
      } else {
        dataset.writeCsv(out.resolve("dataset.csv"));
      }
    } catch (QuiverException | IllegalArgumentException | UncheckedIOException e) {
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR, "Dataset building failed: " + e.getMessage());
    }
  }

  private static DatasetBase base(Map<String, String> env, Map<String, Path> inputs) {
    String group = env.get("BASE_GROUP");
    if (group != null && !group.isEmpty()) {
      return DatasetBase.featureGroup(group);
    }
    Path folder = inputs.get("base");
    String id = env.get("ID_COLUMN");
    String time = env.get("TIME_COLUMN");
    if (folder == null || id == null || time == null) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Dataset building needs Environment.BASE_GROUP, or an input named 'base' with"
              + " Environment.ID_COLUMN and TIME_COLUMN");
    }
    Path file;
    try (Stream<Path> files = Files.walk(folder)) {
      file =
          files
              .filter(Files::isRegularFile)
              .sorted()
              .findFirst()
              .orElseThrow(
                  () ->
                      new StepFailedException(
                          FailureType.CLIENT_ERROR, "Dataset base input is empty"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
    return file.toString().endsWith(".parquet")
        ? DatasetBase.parquet(file, id, time)
        : DatasetBase.csv(file, id, time);
  }

  private static void join(DatasetBuilder builder, String spec) {
    String[] parts = spec.split(":");
    if (parts.length < 2) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Dataset JOINS entry '" + spec + "' is not GROUP:BASE_COLUMN[:FEATURES][:left]");
    }
    boolean left = parts[parts.length - 1].equalsIgnoreCase("left");
    int end = left ? parts.length - 1 : parts.length;
    List<String> features = end > 2 ? Arrays.asList(parts[2].split(",")) : List.of();
    builder.withFeatureGroup(parts[0], parts[1], features, left ? JoinType.LEFT : JoinType.INNER);
  }
}
