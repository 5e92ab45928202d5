package io.quiver.pipelines.execution;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an execution is fixed with when it starts, persisted once as {@code execution.json}.
 *
 * @param executionId the execution's id (12 lower-case letters and digits)
 * @param executionArn its ARN
 * @param pipelineName the pipeline's name
 * @param pipelineArn the pipeline's ARN
 * @param pipelineVersionId the pipeline version the execution runs
 * @param definition the definition text the execution runs
 * @param parameters every parameter's value, overrides applied, by name
 * @param displayName the display name, or {@code null}
 * @param description the description, or {@code null}
 * @param creationTime when the execution was started
 * @param maxParallelSteps the most steps run at once
 * @param experimentName the resolved experiment name, or {@code null}
 * @param trialName the resolved trial name, or {@code null}
 */
public record ExecutionHeader(
    String executionId,
    String executionArn,
    String pipelineName,
    String pipelineArn,
    long pipelineVersionId,
    String definition,
    ObjectNode parameters,
    @Nullable String displayName,
    @Nullable String description,
    Instant creationTime,
    int maxParallelSteps,
    @Nullable String experimentName,
    @Nullable String trialName) {

  /** Checks the parts. */
  public ExecutionHeader {
    requireNonNull(executionId, "executionId");
    requireNonNull(executionArn, "executionArn");
    requireNonNull(pipelineName, "pipelineName");
    requireNonNull(pipelineArn, "pipelineArn");
    requireNonNull(definition, "definition");
    requireNonNull(parameters, "parameters");
    requireNonNull(creationTime, "creationTime");
    if (maxParallelSteps < 1) {
      throw new IllegalArgumentException(
          "maxParallelSteps: " + maxParallelSteps + " (expected: >= 1)");
    }
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("formatVersion", PipelineFiles.FORMAT_VERSION);
    node.put("executionId", executionId);
    node.put("executionArn", executionArn);
    node.put("pipelineName", pipelineName);
    node.put("pipelineArn", pipelineArn);
    node.put("pipelineVersionId", pipelineVersionId);
    node.put("definition", definition);
    node.set("parameters", parameters);
    node.put("displayName", displayName);
    node.put("description", description);
    node.put("creationTime", creationTime.toString());
    node.put("maxParallelSteps", maxParallelSteps);
    node.put("experimentName", experimentName);
    node.put("trialName", trialName);
    return node;
  }

  static ExecutionHeader fromJson(JsonNode node) {
    return new ExecutionHeader(
        node.get("executionId").asText(),
        node.get("executionArn").asText(),
        node.get("pipelineName").asText(),
        node.get("pipelineArn").asText(),
        node.get("pipelineVersionId").asLong(),
        node.get("definition").asText(),
        (ObjectNode) node.get("parameters"),
        text(node, "displayName"),
        text(node, "description"),
        Instant.parse(node.get("creationTime").asText()),
        node.get("maxParallelSteps").asInt(),
        text(node, "experimentName"),
        text(node, "trialName"));
  }

  static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
