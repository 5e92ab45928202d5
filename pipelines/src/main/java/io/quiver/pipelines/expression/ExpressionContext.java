package io.quiver.pipelines.expression;

import com.fasterxml.jackson.databind.JsonNode;

/** What expressions are evaluated against: one execution at one moment. */
public interface ExpressionContext {
  /**
   * The value of parameter {@code name}.
   *
   * @throws ExpressionException if there is no such parameter
   */
  JsonNode parameter(String name);

  /** The value of execution variable {@code name}, one of {@link Reference#EXECUTION_VARIABLES}. */
  JsonNode executionVariable(String name);

  /**
   * The value of experiment-config field {@code name} ({@code ExperimentName}, {@code TrialName}).
   */
  JsonNode experimentField(String name);

  /**
   * The recorded properties of step {@code step}.
   *
   * @throws ExpressionException if the step has not succeeded in this execution
   */
  JsonNode stepProperties(String step);

  /**
   * The content of the object at {@code uri} ({@code s3://} or {@code file://}).
   *
   * @throws ExpressionException if it cannot be read
   */
  byte[] readObject(String uri);
}
