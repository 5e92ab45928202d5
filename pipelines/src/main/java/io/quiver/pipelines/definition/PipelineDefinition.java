package io.quiver.pipelines.definition;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed and validated 2020-12-01 pipeline definition.
 *
 * @param text the definition as submitted
 * @param parameters the parameters, in order
 * @param experimentConfig {@code PipelineExperimentConfig}, or {@code null} when absent or null
 * @param steps every step, branch steps included, in definition order
 * @param graph the step DAG
 */
public record PipelineDefinition(
    String text,
    List<Parameter> parameters,
    @Nullable JsonNode experimentConfig,
    List<StepDefinition> steps,
    PipelineGraph graph) {

  /** The version of the definition format Quiver reads. */
  public static final String VERSION = "2020-12-01";

  /** Copies the lists. */
  public PipelineDefinition {
    requireNonNull(text, "text");
    requireNonNull(graph, "graph");
    parameters = List.copyOf(parameters);
    steps = List.copyOf(steps);
  }

  /** The step named {@code name}, if any. */
  public Optional<StepDefinition> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The parameter named {@code name}, if any. */
  public Optional<Parameter> parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Steps by name, in definition order. */
  public Map<String, StepDefinition> stepsByName() {
    Map<String, StepDefinition> byName = new LinkedHashMap<>();
    steps.forEach(s -> byName.put(s.name(), s));
    return byName;
  }
}
