package io.quiver.wrangler.flow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A data flow: nodes (sources, transforms, destinations, analyses) joined by edges from a node's
 * named output to another node's input, with user parameters; read from a Quiver flow file or a
 * SageMaker Data Wrangler {@code .flow} file (the same JSON layout). Immutable: fitting produces a
 * new flow with new trained parameters, written back with {@link #toJson()} keeping every other
 * member of the file as it was.
 *
 * <p>Reading checks the graph: unique node ids, known node types, inputs that name existing nodes
 * and outputs, no cycles. Operators and their parameters are checked when the flow is compiled.
 */
public final class Flow {
  /** The largest flow file read: fitted vocabularies make files big, but not this big. */
  public static final long MAX_FILE_BYTES = 64L << 20;

  /** The most nodes a flow may have. */
  public static final int MAX_NODES = 10_000;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String name;
  private final ObjectNode root;
  private final List<FlowNode> nodes;
  private final Map<String, FlowNode> byId;
  private final List<FlowParameter> parameters;

  private Flow(String name, ObjectNode root) {
    this.name = name;
    this.root = root;
    this.byId = new LinkedHashMap<>();
    for (FlowNode node : FlowReader.readNodes(root)) {
      if (byId.put(node.id(), node) != null) {
        throw new FlowException(
            "Cannot read flow " + name + ": node id '" + node.id() + "' is used twice");
      }
    }
    this.nodes = FlowReader.topologicalOrder(byId);
    this.parameters = FlowReader.readParameters(root);
  }

  /**
   * Reads the flow file at {@code file}.
   *
   * @throws FlowException if the file is not a valid flow
   * @throws UncheckedIOException if it cannot be read
   */
  public static Flow read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new FlowException(
            "Cannot read flow "
                + file
                + ": it is "
                + size
                + " bytes (expected: at most "
                + MAX_FILE_BYTES
                + ")");
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    } catch (NoSuchFileException e) {
      throw new FlowException("Cannot read flow " + file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read flow " + file, e);
    }
  }

  /**
   * Parses a flow document.
   *
   * @param json the document
   * @param name how messages name the flow (its file name, say)
   * @throws FlowException if the document is not a valid flow
   */
  public static Flow parse(String json, String name) {
    requireNonNull(json, "json");
    if (json.length() > MAX_FILE_BYTES) {
      throw new FlowException(
          "Cannot read flow " + name + ": it is larger than " + MAX_FILE_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new FlowException(
          "Cannot read flow "
              + name
              + ": not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FlowException(
          "Cannot read flow " + name + ": expected a JSON object with a \"nodes\" array");
    }
    return new Flow(name, (ObjectNode) root);
  }

  /** How messages name the flow. */
  public String name() {
    return name;
  }

  /** The nodes, sources first: every node comes after the nodes it reads from. */
  public List<FlowNode> nodes() {
    return nodes;
  }

  /** The node with id {@code id}, if there is one. */
  public Optional<FlowNode> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The node with id {@code id}.
   *
   * @throws FlowException if there is none
   */
  public FlowNode node(String id) {
    FlowNode node = byId.get(id);
    if (node == null) {
      throw new FlowException("Cannot find node '" + id + "' in flow " + name);
    }
    return node;
  }

  /** The nodes that read an output of node {@code id}, in flow order. */
  public List<FlowNode> consumers(String id) {
    List<FlowNode> result = new ArrayList<>();
    for (FlowNode node : nodes) {
      if (node.inputs().stream().anyMatch(in -> in.nodeId().equals(id))) {
        result.add(node);
      }
    }
    return result;
  }

  /** The flow's user parameters. */
  public List<FlowParameter> parameters() {
    return parameters;
  }

  /**
   * The parameter values of a run: the defaults, with {@code overrides} replacing them.
   *
   * @throws FlowException if an override names no parameter of the flow
   */
  public ParameterValues parameterValues(Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    parameters.forEach(p -> values.put(p.name(), p.value()));
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      if (!values.containsKey(override.getKey())) {
        throw new FlowException(
            "Cannot set parameter '"
                + override.getKey()
                + "': flow "
                + name
                + " has no such parameter (defined: "
                + (values.isEmpty() ? "none" : String.join(", ", values.keySet()))
                + ")");
      }
      values.put(override.getKey(), override.getValue());
    }
    return new ParameterValues(values);
  }

  /**
   * A copy of this flow with node {@code id}'s trained parameters replaced ({@code null} clears).
   */
  public Flow withTrainedParameters(String id, @Nullable ObjectNode trained) {
    node(id);
    ObjectNode copy = root.deepCopy();
    for (JsonNode node : (ArrayNode) copy.get("nodes")) {
      if (id.equals(node.path("node_id").asText())) {
        if (trained == null) {
          ((ObjectNode) node).remove("trained_parameters");
        } else {
          ((ObjectNode) node).set("trained_parameters", trained.deepCopy());
        }
      }
    }
    return new Flow(name, copy);
  }

  /**
   * A copy of this flow with only the nodes {@code ids} (every input of a kept node must be kept).
   *
   * @throws FlowException if a kept node reads a node that is not kept
   */
  public Flow retain(java.util.Collection<String> ids) {
    ObjectNode copy = root.deepCopy();
    ArrayNode kept = copy.putArray("nodes");
    for (JsonNode node : (ArrayNode) root.get("nodes")) {
      if (ids.contains(node.path("node_id").asText())) {
        kept.add(node.deepCopy());
      }
    }
    return new Flow(name, copy);
  }

  /** The flow as a JSON document, indented; members this model does not interpret are kept. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serializes", e);
    }
  }

  @Override
  public String toString() {
    return "Flow[" + name + ", " + nodes.size() + " nodes]";
  }
}
