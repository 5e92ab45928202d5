package io.quiver.pipelines.execution;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What CreatePipeline and UpdatePipeline give.
 *
 * @param name the pipeline name
 * @param displayName the display name, or {@code null}
 * @param description the description, or {@code null}
 * @param roleArn the role, or {@code null}
 * @param definition the definition JSON
 * @param maxParallelSteps the default limit on steps running at once, or {@code null}
 * @param tags the tags
 */
public record PipelineSpec(
    String name,
    @Nullable String displayName,
    @Nullable String description,
    @Nullable String roleArn,
    String definition,
    @Nullable Integer maxParallelSteps,
    Map<String, String> tags) {
  /** Checks the parts. */
  public PipelineSpec {
    requireNonNull(name, "name");
    requireNonNull(definition, "definition");
    tags = Map.copyOf(tags);
  }
}
