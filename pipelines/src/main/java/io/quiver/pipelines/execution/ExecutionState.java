package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An execution's state: its header plus the fold of its journal's events. The same {@link #apply}
 * runs live and on replay, so the state after a restart is the state that was acknowledged. Not
 * thread-safe: its runner's lock guards it.
 */
final class ExecutionState {
  final ExecutionHeader header;
  ExecutionStatus status = ExecutionStatus.Executing;
  @Nullable String failureReason;
  Instant lastModified;
  final Map<String, StepState> steps = new LinkedHashMap<>();

  /** Attempts made by steps that a retry of the execution forgot, so numbering continues. */
  final Map<String, Integer> retriedAttempts = new LinkedHashMap<>();

  ExecutionState(ExecutionHeader header) {
    this.header = header;
    this.lastModified = header.creationTime();
  }

  /** The number the next attempt of {@code name} gets. */
  int nextAttempt(String name) {
    StepState s = steps.get(name);
    return s != null ? s.attempts + 1 : retriedAttempts.getOrDefault(name, 0) + 1;
  }

  StepState step(String name) {
    return steps.computeIfAbsent(name, StepState::new);
  }

  void apply(JsonNode event) {
    Instant time = Instant.parse(event.get("time").asText());
    lastModified = time;
    String type = event.get("event").asText();
    if (type.equals(Events.EXECUTION_STATUS)) {
      status = ExecutionStatus.valueOf(event.get("status").asText());
      failureReason = text(event, "reason");
      return;
    }
    if (type.equals(Events.EXECUTION_RETRIED)) {
      status = ExecutionStatus.Executing;
      failureReason = null;
      steps
          .values()
          .removeIf(
              s -> {
                boolean forget = s.status == StepStatus.Failed || s.status == StepStatus.Stopped;
                if (forget) {
                  retriedAttempts.put(s.name, s.attempts);
                }
                return forget;
              });
      return;
    }
    StepState step = step(event.get("step").asText());
    switch (type) {
      case Events.STEP_STARTED -> {
        step.status = StepStatus.Executing;
        step.attempts = event.get("attempt").asInt();
        step.startTime = step.startTime == null ? time : step.startTime;
        step.firstStartTime = step.firstStartTime == null ? time : step.firstStartTime;
        step.jobName = text(event, "jobName");
        step.retryPending = false;
        step.pid = -1;
        step.failureReason = null;
        if (event.has("metadata")) {
          step.metadata = (ObjectNode) event.get("metadata");
        }
      }
      case Events.STEP_PROCESS -> {
        step.pid = event.get("pid").asLong();
        step.processStart =
            event.hasNonNull("processStart")
                ? Instant.parse(event.get("processStart").asText())
                : null;
      }
      case Events.STEP_CALLBACK -> step.callbackToken = event.get("token").asText();
      case Events.STEP_SUCCEEDED -> {
        step.status = StepStatus.Succeeded;
        step.endTime = time;
        step.properties = event.get("properties");
        step.metadata = (ObjectNode) event.get("metadata");
        step.cacheKey = text(event, "cacheKey");
        step.cacheSource = text(event, "cacheSource");
        step.pid = -1;
        if (step.startTime == null) {
          step.startTime = time;
        }
      }
      case Events.STEP_ATTEMPT_FAILED -> {
        step.retryPending = true;
        step.failureReason = text(event, "reason");
        step.failureType = text(event, "failureType");
        step.pid = -1;
      }
      case Events.STEP_FAILED -> {
        step.status = StepStatus.Failed;
        step.endTime = time;
        step.failureReason = text(event, "reason");
        step.failureType = text(event, "failureType");
        step.retryPending = false;
        step.pid = -1;
        if (event.has("metadata")) {
          step.metadata = (ObjectNode) event.get("metadata");
        }
        if (step.startTime == null) {
          step.startTime = time;
        }
      }
      case Events.STEP_STOPPED -> {
        step.status = StepStatus.Stopped;
        step.endTime = time;
        step.retryPending = false;
        step.pid = -1;
      }
      default -> throw new IllegalStateException("Unknown journal event " + type);
    }
  }

  private static @Nullable String text(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
