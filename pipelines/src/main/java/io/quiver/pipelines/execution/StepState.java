package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an execution knows about one of its steps, rebuilt from the journal. Not thread-safe:
 * guarded by its {@link ExecutionState}'s owner.
 */
final class StepState {
  final String name;
  StepStatus status = StepStatus.Starting;
  @Nullable Instant startTime;
  @Nullable Instant firstStartTime;
  @Nullable Instant endTime;
  int attempts;
  @Nullable String failureReason;
  @Nullable String failureType;
  JsonNode properties = JsonNodeFactory.instance.objectNode();
  ObjectNode metadata = JsonNodeFactory.instance.objectNode();
  @Nullable String cacheKey;
  @Nullable String cacheSource;
  @Nullable String jobName;
  long pid = -1;
  @Nullable Instant processStart;
  @Nullable String callbackToken;
  boolean retryPending;

  StepState(String name) {
    this.name = name;
  }

  boolean running() {
    return !status.terminal();
  }
}
