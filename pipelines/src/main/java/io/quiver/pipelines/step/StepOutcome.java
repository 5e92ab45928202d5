package io.quiver.pipelines.step;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a successful step leaves behind.
 *
 * @param properties the describe-response downstream steps read with {@code Steps.<name>.<path>}
 * @param metadata the step's {@code Metadata} member in ListPipelineExecutionSteps
 */
public record StepOutcome(ObjectNode properties, ObjectNode metadata) {
  /** Checks the parts. */
  public StepOutcome {
    requireNonNull(properties, "properties");
    requireNonNull(metadata, "metadata");
  }
}
