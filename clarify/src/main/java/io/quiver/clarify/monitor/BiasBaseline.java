package io.quiver.clarify.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.storage.error.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.OptionalDouble;

/**
 * The constraints of a bias-drift monitor: the metric values of a Clarify {@code analysis.json}
 * (written by {@code quiver bias} or by SageMaker Clarify), per section, facet value and metric.
 * Model Monitor's rule applies: a window's value violates the constraint when it lies further from
 * the metric's neutral value (1 for DI, 0 otherwise) than the baseline's, here widened by a
 * tolerance. Edit the file's values to set thresholds by hand. Immutable.
 */
public final class BiasBaseline {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, Double> values;

  private BiasBaseline(Map<String, Double> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Reads an {@code analysis.json}.
   *
   * @throws ValidationException if the file is missing, not JSON, or has no bias metrics
   */
  public static BiasBaseline read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ValidationException("Cannot read the bias baseline " + file + ": no such file");
    } catch (IOException e) {
      throw new ValidationException(
          "Cannot read the bias baseline " + file + ": " + e.getMessage() + " (expected: JSON)");
    }
    return of(root, file.toString());
  }

  /**
   * The constraints of an analysis tree ({@link io.quiver.clarify.bias.report.AnalysisJson}).
   *
   * @throws ValidationException if the tree has no bias metrics
   */
  public static BiasBaseline of(JsonNode analysis, String name) {
    Map<String, Double> values = new HashMap<>();
    for (String section : AnalysisSections.NAMES) {
      for (Entry<String, JsonNode> facet : analysis.path(section).path("facets").properties()) {
        for (JsonNode entry : facet.getValue()) {
          String subject = facet.getKey() + "=" + entry.path("value_or_threshold").asText();
          for (JsonNode metric : entry.path("metrics")) {
            OptionalDouble value = AnalysisSections.value(metric);
            if (value.isPresent()) {
              values.put(key(section, subject, metric.path("name").asText()), value.getAsDouble());
            }
          }
        }
      }
    }
    if (values.isEmpty()) {
      throw new ValidationException(
          "Cannot use "
              + name
              + " as a bias baseline: it holds no metric values (expected: the analysis.json of"
              + " quiver bias or SageMaker Clarify)");
    }
    return new BiasBaseline(values);
  }

  /**
   * The baseline value of {@code metric} for {@code subject} ({@code facet=value}) in a section.
   */
  OptionalDouble value(String section, String subject, String metric) {
    Double v = values.get(key(section, subject, metric));
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  private static String key(String section, String subject, String metric) {
    return section + '\u0000' + subject + '\u0000' + metric;
  }
}
