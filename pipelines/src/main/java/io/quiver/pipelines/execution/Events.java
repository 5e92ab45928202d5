package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The event types of an execution journal (see docs/format/pipelines.md) and their builder. */
final class Events {
  static final String EXECUTION_STATUS = "ExecutionStatus";
  static final String EXECUTION_RETRIED = "ExecutionRetried";
  static final String STEP_STARTED = "StepStarted";
  static final String STEP_PROCESS = "StepProcess";
  static final String STEP_CALLBACK = "StepCallback";
  static final String STEP_SUCCEEDED = "StepSucceeded";
  static final String STEP_ATTEMPT_FAILED = "StepAttemptFailed";
  static final String STEP_FAILED = "StepFailed";
  static final String STEP_STOPPED = "StepStopped";

  private Events() {}

  static ObjectNode of(String type, Instant time) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("event", type);
    event.put("time", time.toString());
    return event;
  }

  static ObjectNode step(String type, Instant time, String step) {
    return of(type, time).put("step", step);
  }
}
