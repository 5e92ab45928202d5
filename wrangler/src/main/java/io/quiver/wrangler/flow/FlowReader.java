package io.quiver.wrangler.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the nodes and parameters of a flow document and orders the graph. Stateless. */
final class FlowReader {
  private FlowReader() {}

  static List<FlowNode> readNodes(ObjectNode root) {
    JsonNode nodes = root.get("nodes");
    if (nodes == null || !nodes.isArray()) {
      throw new FlowException("Cannot read flow: expected a \"nodes\" array at the top level");
    }
    if (nodes.size() > Flow.MAX_NODES) {
      throw new FlowException(
          "Cannot read flow: it has "
              + nodes.size()
              + " nodes (expected: at most "
              + Flow.MAX_NODES
              + ")");
    }
    List<FlowNode> result = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      result.add(readNode(nodes.get(i), i));
    }
    return result;
  }

  private static FlowNode readNode(JsonNode json, int index) {
    if (!json.isObject()) {
      throw new FlowException("Cannot read node #" + (index + 1) + ": expected a JSON object");
    }
    String id = text(json, "node_id", "node #" + (index + 1));
    NodeType type = NodeType.of(text(json, "type", "node '" + id + "'"), id);
    String operator = text(json, "operator", "node '" + id + "'");
    JsonNode parameters = json.get("parameters");
    if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
      throw new FlowException(
          "Cannot read node '" + id + "': \"parameters\" must be a JSON object");
    }
    JsonNode trained = json.get("trained_parameters");
    if (trained != null && !trained.isNull() && !trained.isObject()) {
      throw new FlowException(
          "Cannot read node '" + id + "': \"trained_parameters\" must be a JSON object");
    }
    List<NodeInput> inputs = new ArrayList<>();
    JsonNode inputsJson = json.get("inputs");
    if (inputsJson != null && !inputsJson.isNull()) {
      if (!inputsJson.isArray()) {
        throw new FlowException("Cannot read node '" + id + "': \"inputs\" must be an array");
      }
      for (JsonNode in : inputsJson) {
        String from = text(in, "node_id", "an input of node '" + id + "'");
        inputs.add(
            new NodeInput(
                in.path("name").asText(NodeOutput.DEFAULT),
                from,
                in.path("output_name").asText(NodeOutput.DEFAULT)));
      }
    }
    List<NodeOutput> outputs = new ArrayList<>();
    JsonNode outputsJson = json.get("outputs");
    if (outputsJson != null && outputsJson.isArray() && !outputsJson.isEmpty()) {
      for (JsonNode out : outputsJson) {
        JsonNode sampling = out.get("sampling");
        outputs.add(
            new NodeOutput(
                out.path("name").asText(NodeOutput.DEFAULT),
                sampling != null && sampling.isObject()
                    ? ((ObjectNode) sampling).deepCopy()
                    : null));
      }
    } else {
      outputs.add(new NodeOutput(NodeOutput.DEFAULT, null));
    }
    return new FlowNode(
        id,
        type,
        operator,
        json.hasNonNull("name") ? json.get("name").asText() : null,
        parameters != null && parameters.isObject()
            ? ((ObjectNode) parameters).deepCopy()
            : JsonNodeFactory.instance.objectNode(),
        trained != null && trained.isObject() ? ((ObjectNode) trained).deepCopy() : null,
        inputs,
        outputs);
  }

  private static String text(JsonNode json, String member, String where) {
    JsonNode value = json.get(member);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new FlowException(
          "Cannot read " + where + ": \"" + member + "\" must be a non-empty string");
    }
    return value.asText();
  }

  static List<FlowParameter> readParameters(ObjectNode root) {
    JsonNode parameters = root.get("parameters");
    List<FlowParameter> result = new ArrayList<>();
    if (parameters == null || parameters.isNull()) {
      return result;
    }
    if (!parameters.isArray()) {
      throw new FlowException("Cannot read flow: \"parameters\" must be an array");
    }
    for (JsonNode p : parameters) {
      String name = text(p, "name", "a flow parameter");
      JsonNode value = p.has("value") ? p.get("value") : p.get("default_value");
      if (value == null || value.isNull() || value.isContainerNode()) {
        throw new FlowException(
            "Cannot read flow parameter '" + name + "': \"value\" must be a string or number");
      }
      result.add(new FlowParameter(name, p.path("type").asText("String"), value.asText()));
    }
    return result;
  }

  /**
   * The nodes with every node after the nodes it reads from, checking the edges on the way.
   *
   * @throws FlowException on an edge to an unknown node or output, a misplaced input, or a cycle
   */
  static List<FlowNode> topologicalOrder(Map<String, FlowNode> byId) {
    Map<String, Integer> pending = new HashMap<>();
    Map<String, List<FlowNode>> readers = new HashMap<>();
    for (FlowNode node : byId.values()) {
      checkInputs(node, byId);
      pending.put(node.id(), node.inputs().size());
      for (NodeInput in : node.inputs()) {
        readers.computeIfAbsent(in.nodeId(), k -> new ArrayList<>()).add(node);
      }
    }
    Deque<FlowNode> ready = new ArrayDeque<>();
    for (FlowNode node : byId.values()) {
      if (node.inputs().isEmpty()) {
        ready.add(node);
      }
    }
    List<FlowNode> order = new ArrayList<>(byId.size());
    while (!ready.isEmpty()) {
      FlowNode node = ready.poll();
      order.add(node);
      for (FlowNode reader : readers.getOrDefault(node.id(), List.of())) {
        // A node that reads twice from the same node is ready after both edges are counted.
        if (pending.merge(reader.id(), -1, Integer::sum) == 0) {
          ready.add(reader);
        }
      }
    }
    if (order.size() < byId.size()) {
      String onCycle =
          byId.keySet().stream().filter(id -> pending.get(id) > 0).findFirst().orElseThrow();
      throw new FlowException(
          "Cannot run the flow: node '"
              + onCycle
              + "' is on a cycle (its inputs lead back to it); a flow must be acyclic");
    }
    return List.copyOf(order);
  }

  private static void checkInputs(FlowNode node, Map<String, FlowNode> byId) {
    if (node.type() == NodeType.SOURCE && !node.inputs().isEmpty()) {
      throw node.error("a SOURCE node takes no inputs");
    }
    if (node.type() != NodeType.SOURCE && node.inputs().isEmpty()) {
      throw node.error("a " + node.type() + " node needs an input");
    }
    for (NodeInput in : node.inputs()) {
      FlowNode from = byId.get(in.nodeId());
      if (from == null) {
        throw node.error("its input '" + in.name() + "' reads unknown node '" + in.nodeId() + "'");
      }
      if (from.type() == NodeType.DESTINATION || from.type() == NodeType.VISUALIZATION) {
        throw node.error(
            "its input '"
                + in.name()
                + "' reads node '"
                + in.nodeId()
                + "', a "
                + from.type()
                + " node, which produces no data");
      }
      if (from.output(in.outputName()).isEmpty()) {
        throw node.error(
            "its input '"
                + in.name()
                + "' reads output '"
                + in.outputName()
                + "' of node '"
                + in.nodeId()
                + "', which has outputs "
                + from.outputs().stream().map(NodeOutput::name).toList());
      }
    }
  }
}
