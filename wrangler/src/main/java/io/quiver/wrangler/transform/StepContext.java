package io.quiver.wrangler.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Operator} compiles a node from.
 *
 * @param parameters the node's parameters, placeholders substituted
 * @param trained the node's fitted state if it was fitted by Quiver for these parameters, else
 *     {@code null} (the step must be fitted)
 * @param foreignTrained trained parameters written by another tool (Data Wrangler's Spark models),
 *     which Quiver refits rather than decodes; a few operators take plain JSON from them (the type
 *     map of {@code infer_and_cast_type}); {@code null} if none
 * @param inputs the schemas of the node's inputs, in order
 */
public record StepContext(
    Parameters parameters,
    @Nullable ObjectNode trained,
    @Nullable ObjectNode foreignTrained,
    List<Schema> inputs) {

  /** Copies the inputs. */
  public StepContext {
    requireNonNull(parameters, "parameters");
    inputs = List.copyOf(inputs);
  }

  /**
   * The only input's schema.
   *
   * @throws StepException if the node has more than one input
   */
  public Schema input() {
    if (inputs.size() != 1) {
      throw new StepException("expects one input (got " + inputs.size() + ")");
    }
    return inputs.get(0);
  }
}
