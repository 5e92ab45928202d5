package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Receives the messages Callback steps send (SageMaker sends them to an SQS queue): {@code token},
 * {@code arguments}, {@code pipelineExecutionArn}, and {@code status: "Stopping"} when the
 * execution stops. The receiver completes the step with SendPipelineExecutionStepSuccess or
 * SendPipelineExecutionStepFailure. Must be thread-safe and must not block.
 */
@FunctionalInterface
public interface CallbackListener {
  /** Handles one message for {@code queueUrl}. */
  void send(String queueUrl, JsonNode message);
}
