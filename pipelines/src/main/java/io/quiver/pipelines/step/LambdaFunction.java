package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function an embedding application registers for Lambda steps, under the function ARN or name
 * the definition's {@code FunctionArn} names. Must be thread-safe.
 */
@FunctionalInterface
public interface LambdaFunction {
  /**
   * Handles one invocation.
   *
   * @param arguments the step's {@code Arguments}, resolved
   * @return a JSON object holding at least the step's declared output parameters
   * @throws RuntimeException to fail the step with the exception's message
   */
  JsonNode invoke(JsonNode arguments);
}
