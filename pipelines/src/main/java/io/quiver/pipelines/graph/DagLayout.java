package io.quiver.pipelines.graph;

import io.quiver.pipelines.definition.PipelineDefinition;
import io.quiver.pipelines.definition.StepDefinition;
import io.quiver.pipelines.execution.ExecutionSnapshot;
import io.quiver.pipelines.execution.StepSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where each step of a pipeline goes in a picture: layered top to bottom by longest path from the
 * first steps, ordered within a layer by the mean position of their predecessors (one pass of the
 * barycenter heuristic), so edges mostly run straight down. Edges implied by a longer path are left
 * out (the transitive reduction), except a Condition's edges to its branch steps, which are
 * labelled {@code if}/{@code else}. Pure and immutable.
 *
 * @param nodes the steps with their positions and states
 * @param edges the DAG's edges
 * @param width the picture's width
 * @param height the picture's height
 */
public record DagLayout(List<Node> nodes, List<Edge> edges, int width, int height) {
  static final int NODE_WIDTH = 190;
  static final int NODE_HEIGHT = 58;
  static final int GAP_X = 40;
  static final int GAP_Y = 56;
  static final int MARGIN = 24;

  /** Copies the lists. */
  public DagLayout {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * A step's box.
   *
   * @param name the step name
   * @param type the step type
   * @param state the step's status in the execution, {@code NotStarted}, or {@code null} when the
   *     picture shows the definition only
   * @param cached whether the step reused an earlier run
   * @param x left edge
   * @param y top edge
   */
  public record Node(
      String name, String type, @Nullable String state, boolean cached, int x, int y) {}

  /**
   * An edge from a step to one that waits for it.
   *
   * @param from the predecessor
   * @param to the successor
   * @param label {@code if}/{@code else} for Condition branches, else empty
   */
  public record Edge(String from, String to, String label) {}

  /** Lays out {@code definition}, with step states from {@code execution} if given. */
  public static DagLayout of(PipelineDefinition definition, @Nullable ExecutionSnapshot execution) {
    Map<String, Integer> layer = new HashMap<>();
    for (String step : definition.graph().topologicalOrder()) {
      int l = 0;
      for (String pred : definition.graph().predecessors().get(step)) {
        l = Math.max(l, layer.get(pred) + 1);
      }
      layer.put(step, l);
    }
    int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      rows.add(new ArrayList<>());
    }
    definition.graph().topologicalOrder().forEach(s -> rows.get(layer.get(s)).add(s));
    Map<String, Double> position = new HashMap<>();
    for (List<String> row : rows) {
      Map<String, Double> weight = new LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        String s = row.get(i);
        double sum = 0;
        int n = 0;
        for (String pred : definition.graph().predecessors().get(s)) {
          sum += position.get(pred);
          n++;
        }
        weight.put(s, n == 0 ? i : sum / n);
      }
      row.sort(Comparator.comparingDouble(weight::get));
      for (int i = 0; i < row.size(); i++) {
        position.put(row.get(i), (double) i);
      }
    }
    int widest = rows.stream().mapToInt(List::size).max().orElse(1);
    int width = 2 * MARGIN + widest * NODE_WIDTH + (widest - 1) * GAP_X;
    Map<String, StepSnapshot> states = new HashMap<>();
    if (execution != null) {
      execution.steps().forEach(s -> states.put(s.name(), s));
    }
    List<Node> nodes = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      List<String> row = rows.get(l);
      int rowWidth = row.size() * NODE_WIDTH + (row.size() - 1) * GAP_X;
      int x0 = (width - rowWidth) / 2;
      for (int i = 0; i < row.size(); i++) {
        StepDefinition step = definition.step(row.get(i)).orElseThrow();
        StepSnapshot state = states.get(step.name());
        nodes.add(
            new Node(
                step.name(),
                step.type().wireName(),
                execution == null ? null : state == null ? "NotStarted" : state.status().name(),
                state != null && state.cacheSource() != null,
                x0 + i * (NODE_WIDTH + GAP_X),
                MARGIN + l * (NODE_HEIGHT + GAP_Y)));
      }
    }
    List<Edge> edges = new ArrayList<>();
    for (StepDefinition step : definition.steps()) {
      for (String pred : definition.graph().predecessors().get(step.name())) {
        boolean branch = step.branch() != null && step.branch().condition().equals(pred);
        if (!branch && impliedByLongerPath(definition, pred, step.name())) {
          continue; // the picture shows the order; a longer path already implies this edge
        }
        edges.add(
            new Edge(pred, step.name(), branch ? (step.branch().ifBranch() ? "if" : "else") : ""));
      }
    }
    int height = 2 * MARGIN + layers * NODE_HEIGHT + (layers - 1) * GAP_Y;
    return new DagLayout(nodes, edges, width, height);
  }

  /** Whether {@code to} depends on {@code from} through some other predecessor of {@code to}. */
  private static boolean impliedByLongerPath(
      PipelineDefinition definition, String from, String to) {
    for (String other : definition.graph().predecessors().get(to)) {
      if (!other.equals(from) && reaches(definition, from, other)) {
        return true;
      }
    }
    return false;
  }

  private static boolean reaches(PipelineDefinition definition, String from, String to) {
    java.util.Deque<String> stack = new java.util.ArrayDeque<>(List.of(to));
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!stack.isEmpty()) {
      String step = stack.pop();
      if (step.equals(from)) {
        return true;
      }
      if (seen.add(step)) {
        stack.addAll(definition.graph().predecessors().get(step));
      }
    }
    return false;
  }

  /** The node named {@code name}. */
  public Node node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  /** The fill colour of a state, as {@code #rrggbb}. */
  static String fill(@Nullable String state) {
    if (state == null) {
      return "#eef2f7";
    }
    return switch (state) {
      case "Succeeded" -> "#d4edda";
      case "Failed" -> "#f8d7da";
      case "Executing", "Starting" -> "#cce5ff";
      case "Stopping", "Stopped" -> "#e2e3e5";
      default -> "#ffffff";
    };
  }

  /** The second line of a node: its type, and its state when known. */
  static String caption(Node node) {
    if (node.state() == null) {
      return node.type();
    }
    return node.type() + " · " + node.state() + (node.cached() ? " (cached)" : "");
  }
}
