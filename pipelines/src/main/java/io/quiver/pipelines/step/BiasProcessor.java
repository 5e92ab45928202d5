package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.clarify.bias.BiasAnalysis;
import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.ValueSelector;
import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.storage.error.QuiverException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Clarify's bias analysis as an in-engine processor (image {@value #IMAGE}, and the job of
 * ClarifyCheck steps): reads {@code analysis_config.json} from input {@code analysis_config} and
 * the dataset (CSV or Parquet) from input {@code dataset}, writes Clarify's {@code analysis.json}
 * to output {@code analysis_result}. The config's {@code label}, {@code label_values_or_threshold}
 * and {@code facet[0]} ({@code name_or_index}, {@code value_or_threshold}) are read; listed values
 * select the positive label and the sensitive group. Thread-safe.
 */
public final class BiasProcessor implements BuiltinProcessor {
  /** The image name that selects this processor. */
  public static final String IMAGE = "quiver:clarify-bias";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public void process(StepRun run, Map<String, Path> inputs, Map<String, Path> outputs) {
    Path configDir = required(inputs, "analysis_config", "input");
    Path datasetDir = required(inputs, "dataset", "input");
    Path resultDir = required(outputs, "analysis_result", "output");
    JsonNode config = readConfig(configDir);
    String label = config.path("label").asText("");
    JsonNode facet = config.path("facet").path(0);
    String facetName = facet.path("name_or_index").asText("");
    if (label.isEmpty() || facetName.isEmpty()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Clarify analysis config needs a label and facet[0].name_or_index");
    }
    BiasConfig.Builder builder =
        BiasConfig.builder()
            .label(label, selector(config.path("label_values_or_threshold"), "label"));
    JsonNode facetValues = facet.path("value_or_threshold");
    if (facetValues.isArray() && !facetValues.isEmpty()) {
      builder.facet(facetName, selector(facetValues, "facet"));
    } else {
      builder.facet(facetName);
    }
    if (!config.path("predicted_label").asText("").isEmpty()) {
      builder.predictedLabel(config.get("predicted_label").asText());
    }
    BiasAnalysis analysis;
    try (BiasRowSource rows =
        BiasRowSource.open(dataset(datasetDir), BiasColumns.of(facetName, label))) {
      analysis = BiasAnalyzer.analyze(builder.build(), rows);
    } catch (QuiverException | IllegalArgumentException e) {
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR, "Clarify bias analysis failed: " + e.getMessage());
    }
    try (OutputStream out = Files.newOutputStream(resultDir.resolve("analysis.json"))) {
      AnalysisJson.write(analysis, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write analysis.json in " + resultDir, e);
    }
  }

  private static Path required(Map<String, Path> folders, String name, String kind) {
    Path p = folders.get(name);
    if (p == null) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Clarify bias analysis needs a processing " + kind + " named '" + name + "'");
    }
    return p;
  }

  private static JsonNode readConfig(Path folder) {
    Path file = folder.resolve("analysis_config.json");
    if (!Files.exists(file)) {
      file =
          first(folder)
              .orElseThrow(
                  () ->
                      new StepFailedException(
                          FailureType.CLIENT_ERROR, "Clarify analysis config input is empty"));
    }
    try {
      return MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Clarify analysis config " + file.getFileName() + " is not JSON: " + e.getMessage());
    }
  }

  private static Path dataset(Path folder) {
    return first(folder)
        .orElseThrow(
            () ->
                new StepFailedException(
                    FailureType.CLIENT_ERROR, "Clarify dataset input is empty"));
  }

  private static Optional<Path> first(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).sorted().findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }

  private static ValueSelector selector(JsonNode values, String what) {
    List<String> list = JobSupport.strings(values);
    if (list.isEmpty()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR, "Clarify analysis config gives no " + what + " values");
    }
    return ValueSelector.anyOf(list);
  }
}
