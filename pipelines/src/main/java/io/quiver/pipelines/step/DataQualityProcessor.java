package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.storage.error.QuiverException;
import io.quiver.wrangler.analyze.baseline.Baseline;
import io.quiver.wrangler.analyze.baseline.ConstraintCheck;
import io.quiver.wrangler.analyze.baseline.Violation;
import io.quiver.wrangler.analyze.input.BatchSource;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.ProfileListener;
import io.quiver.wrangler.analyze.profile.ProfileOptions;
import io.quiver.wrangler.analyze.profile.Profiler;
import io.quiver.wrangler.source.SourceFormat;
import io.quiver.wrangler.source.SourceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Model Monitor's data-quality analyzer as an in-engine processor (image {@value #IMAGE}, and the
 * job of QualityCheck steps): profiles every row of the dataset in input {@code
 * baseline_dataset_input} (else the only input) and writes {@code statistics.json} and suggested
 * {@code constraints.json} to output {@code quality_check_output} (else the only output), in Model
 * Monitor's shapes. The {@code dataset_format} environment variable is read as the SDK writes it
 * ({@code {"csv": {"header": true}}}, {@code {"json": {"lines": true}}}, {@code {"parquet": {}}});
 * without it the format comes from the file extensions. Given a baseline, it also checks the data
 * against it and writes {@code constraint_violations.json}. Thread-safe.
 */
public final class DataQualityProcessor implements BuiltinProcessor {
  /** The image name that selects this processor. */
  public static final String IMAGE = "quiver:data-quality";

  /** The input the SDK names the dataset. */
  static final String DATASET_INPUT = "baseline_dataset_input";

  /** The output the SDK names the results. */
  static final String RESULT_OUTPUT = "quality_check_output";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int TYPING_ROWS = 10_000;

  private final @Nullable Baseline baseline;

  /** A processor that computes a new baseline only. */
  public DataQualityProcessor() {
    this(null);
  }

  /** A processor that also checks the data against {@code baseline}, if not null. */
  DataQualityProcessor(@Nullable Baseline baseline) {
    this.baseline = baseline;
  }

  @Override
  public void process(StepRun run, Map<String, Path> inputs, Map<String, Path> outputs) {
    Path dataset = folder(inputs, DATASET_INPUT, "input");
    Path result = folder(outputs, RESULT_OUTPUT, "output");
    SourceOptions options =
        SourceOptions.defaults()
            .withFormat(format(run.arguments().path("Environment").path("dataset_format")));
    DatasetProfile profile;
    // A prefix copied with its folders is read through a glob over all of them.
    String location = nested(dataset) ? dataset + "/**" : dataset.toString();
    try (BatchSource source = BatchSource.files(location, options, TYPING_ROWS)) {
      profile =
          Profiler.profile(source, ProfileOptions.defaults().withThreads(2), ProfileListener.NONE);
    } catch (QuiverException | IllegalArgumentException | UncheckedIOException e) {
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR, "Data quality analysis failed: " + e.getMessage());
    }
    Baseline.suggest(profile).write(result);
    if (baseline != null) {
      List<Violation> violations = baseline.check(profile);
      ConstraintCheck.write(violations, result.resolve(Baseline.VIOLATIONS_FILE));
    }
  }

  private static boolean nested(Path folder) {
    try (Stream<Path> list = Files.list(folder)) {
      return list.anyMatch(Files::isDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }

  /** The folder named {@code name}, else the only one. */
  private static Path folder(Map<String, Path> folders, String name, String kind) {
    Path named = folders.get(name);
    if (named != null) {
      return named;
    }
    if (folders.size() == 1) {
      return folders.values().iterator().next();
    }
    throw new StepFailedException(
        FailureType.CLIENT_ERROR,
        "The data quality analysis needs a processing "
            + kind
            + " named '"
            + name
            + "' (found: "
            + folders.keySet()
            + ")");
  }

  /** The format in {@code dataset_format}, or null to tell it from the extensions. */
  private static @Nullable SourceFormat format(JsonNode setting) {
    if (setting.isMissingNode() || setting.isNull() || setting.asText("").isBlank()) {
      return null;
    }
    JsonNode format;
    try {
      format = setting.isObject() ? setting : MAPPER.readTree(setting.asText());
    } catch (IOException e) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "dataset_format is not JSON: "
              + setting.asText()
              + " (expected, e.g., {\"csv\": {\"header\": true}})");
    }
    if (format.has("csv")) {
      if (!format.path("csv").path("header").asBoolean(true)) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            "dataset_format csv without a header row is not supported: give the CSV a header row"
                + " naming the columns");
      }
      return SourceFormat.CSV;
    }
    if (format.has("json")) {
      return SourceFormat.JSON;
    }
    if (format.has("parquet")) {
      return SourceFormat.PARQUET;
    }
    throw new StepFailedException(
        FailureType.CLIENT_ERROR,
        "dataset_format " + format + " is not one of csv, json or parquet");
  }
}
