package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One step of an execution as the API shows it.
 *
 * @param name the step name
 * @param displayName the step's display name in the definition, or {@code null}
 * @param description the step's description in the definition, or {@code null}
 * @param type the step type's wire name
 * @param status its status
 * @param startTime when its first attempt started
 * @param endTime when it ended, or {@code null}
 * @param attempts how many attempts it has made
 * @param failureReason why it failed, or {@code null}
 * @param cacheSource the execution whose run was reused, or {@code null}
 * @param metadata ListPipelineExecutionSteps' {@code Metadata}
 * @param properties what downstream steps read
 */
public record StepSnapshot(
    String name,
    @Nullable String displayName,
    @Nullable String description,
    String type,
    StepStatus status,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    int attempts,
    @Nullable String failureReason,
    @Nullable String cacheSource,
    JsonNode metadata,
    JsonNode properties) {}
