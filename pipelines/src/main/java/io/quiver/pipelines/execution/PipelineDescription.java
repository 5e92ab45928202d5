package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline as DescribePipeline shows it; persisted as {@code pipelines/<name>.json}.
 *
 * @param name the name
 * @param arn the ARN
 * @param displayName the display name, or {@code null}
 * @param description the description, or {@code null}
 * @param roleArn the role, or {@code null}
 * @param definition the current definition
 * @param versionId the current version, from 1
 * @param creationTime when it was created
 * @param lastModifiedTime when it was last updated
 * @param lastRunTime when an execution last started, or {@code null}
 * @param maxParallelSteps its default parallelism, or {@code null}
 * @param tags its tags
 */
public record PipelineDescription(
    String name,
    String arn,
    @Nullable String displayName,
    @Nullable String description,
    @Nullable String roleArn,
    String definition,
    long versionId,
    Instant creationTime,
    Instant lastModifiedTime,
    @Nullable Instant lastRunTime,
    @Nullable Integer maxParallelSteps,
    Map<String, String> tags) {

  /** Copies the tags. */
  public PipelineDescription {
    tags = Map.copyOf(tags);
  }

  PipelineDescription withLastRun(Instant time) {
    return new PipelineDescription(
        name,
        arn,
        displayName,
        description,
        roleArn,
        definition,
        versionId,
        creationTime,
        lastModifiedTime,
        time,
        maxParallelSteps,
        tags);
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("formatVersion", PipelineFiles.FORMAT_VERSION);
    node.put("name", name);
    node.put("arn", arn);
    node.put("displayName", displayName);
    node.put("description", description);
    node.put("roleArn", roleArn);
    node.put("definition", definition);
    node.put("versionId", versionId);
    node.put("creationTime", creationTime.toString());
    node.put("lastModifiedTime", lastModifiedTime.toString());
    node.put("lastRunTime", lastRunTime == null ? null : lastRunTime.toString());
    node.put("maxParallelSteps", maxParallelSteps);
    ObjectNode t = node.putObject("tags");
    tags.forEach(t::put);
    return node;
  }

  static PipelineDescription fromJson(JsonNode node) {
    Map<String, String> tags = new LinkedHashMap<>();
    node.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    String lastRun = ExecutionHeader.text(node, "lastRunTime");
    return new PipelineDescription(
        node.get("name").asText(),
        node.get("arn").asText(),
        ExecutionHeader.text(node, "displayName"),
        ExecutionHeader.text(node, "description"),
        ExecutionHeader.text(node, "roleArn"),
        node.get("definition").asText(),
        node.get("versionId").asLong(),
        Instant.parse(node.get("creationTime").asText()),
        Instant.parse(node.get("lastModifiedTime").asText()),
        lastRun == null ? null : Instant.parse(lastRun),
        node.hasNonNull("maxParallelSteps") ? node.get("maxParallelSteps").asInt() : null,
        tags);
  }
}
