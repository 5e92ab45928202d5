package io.quiver.pipelines.execution;

import static java.util.Objects.requireNonNull;

import io.quiver.pipelines.definition.PipelineDefinition;
import io.quiver.pipelines.definition.StepDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An execution as the API shows it at one moment. Immutable.
 *
 * @param header what the execution was started with
 * @param status its status
 * @param failureReason why it failed, or {@code null}
 * @param lastModifiedTime when its state last changed
 * @param steps its steps that have started, in start order
 */
public record ExecutionSnapshot(
    ExecutionHeader header,
    ExecutionStatus status,
    @Nullable String failureReason,
    Instant lastModifiedTime,
    List<StepSnapshot> steps) {

  /** Copies the list. */
  public ExecutionSnapshot {
    requireNonNull(header, "header");
    requireNonNull(status, "status");
    steps = List.copyOf(steps);
  }

  static ExecutionSnapshot of(ExecutionState state, PipelineDefinition definition) {
    List<StepSnapshot> steps = new ArrayList<>();
    for (StepState s : state.steps.values()) {
      StepDefinition d = definition.step(s.name).orElseThrow();
      steps.add(
          new StepSnapshot(
              s.name,
              d.displayName(),
              d.description(),
              d.type().wireName(),
              s.status,
              s.startTime,
              s.endTime,
              Math.max(1, s.attempts),
              s.failureReason,
              s.cacheSource,
              s.metadata.deepCopy(),
              s.properties.deepCopy()));
    }
    return new ExecutionSnapshot(
        state.header, state.status, state.failureReason, state.lastModified, steps);
  }
}
