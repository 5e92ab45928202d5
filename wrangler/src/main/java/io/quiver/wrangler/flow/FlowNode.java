package io.quiver.wrangler.flow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One node of a flow. Parameters are the user's configuration; trained parameters are the fitted
 * state (plain JSON with the hash of the parameters it was fitted for), kept apart as in a
 * SageMaker {@code .flow} file. The JSON objects are copies owned by the node: treat them as
 * read-only.
 *
 * @param id the node's id, unique in the flow
 * @param type its role
 * @param operator the operator id, such as {@code sagemaker.spark.encode_categorical_0.1}
 * @param name an optional display name
 * @param parameters the configuration
 * @param trainedParameters the fitted state, or {@code null} if the node has none
 * @param inputs the edges into the node, in order
 * @param outputs the node's outputs
 */
public record FlowNode(
    String id,
    NodeType type,
    String operator,
    @Nullable String name,
    ObjectNode parameters,
    @Nullable ObjectNode trainedParameters,
    List<NodeInput> inputs,
    List<NodeOutput> outputs) {

  /** Copies the lists and checks that the required parts are present. */
  public FlowNode {
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    requireNonNull(operator, "operator");
    requireNonNull(parameters, "parameters");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** The output named {@code outputName}, if the node has it. */
  public Optional<NodeOutput> output(String outputName) {
    return outputs.stream().filter(o -> o.name().equals(outputName)).findFirst();
  }

  /** How messages name the node: its id and operator. */
  public String label() {
    return "'" + id + "' (" + operator + ")";
  }

  /** A failure of this node, its message prefixed with the node's id and operator. */
  public FlowException error(String message) {
    return FlowException.atNode(id, operator, message);
  }
}
