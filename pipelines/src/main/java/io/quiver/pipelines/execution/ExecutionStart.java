package io.quiver.pipelines.execution;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What StartPipelineExecution gives.
 *
 * @param pipelineName the pipeline's name or ARN
 * @param displayName the execution's display name, or {@code null}
 * @param description the execution's description, or {@code null}
 * @param parameters parameter overrides, by name, as strings (as the API sends them)
 * @param maxParallelSteps the parallelism for this execution, or {@code null} for the pipeline's
 * @param clientToken an idempotency token, or {@code null}
 */
public record ExecutionStart(
    String pipelineName,
    @Nullable String displayName,
    @Nullable String description,
    Map<String, String> parameters,
    @Nullable Integer maxParallelSteps,
    @Nullable String clientToken) {
  /** Checks the parts. */
  public ExecutionStart {
    requireNonNull(pipelineName, "pipelineName");
    parameters = Map.copyOf(parameters);
  }

  /** A start of {@code pipelineName} with {@code parameters} and nothing else. */
  public static ExecutionStart of(String pipelineName, Map<String, String> parameters) {
    return new ExecutionStart(pipelineName, null, null, parameters, null, null);
  }
}
