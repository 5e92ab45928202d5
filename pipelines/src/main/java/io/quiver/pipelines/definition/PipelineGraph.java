package io.quiver.pipelines.definition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The step DAG: an edge X → Y when Y lists X in {@code DependsOn}, when Y's expressions read X's
 * properties, or when Y is a branch step of Condition X. Immutable.
 *
 * @param predecessors for each step (in definition order), the steps it waits for
 */
public record PipelineGraph(Map<String, Set<String>> predecessors) {

  /** Copies the map. */
  public PipelineGraph {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    predecessors.forEach(
        (k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    predecessors = Collections.unmodifiableMap(copy);
  }

  /**
   * Builds the graph of {@code steps}, whose names and references have been checked.
   *
   * @throws DefinitionException if the edges form a cycle
   */
  static PipelineGraph of(List<StepDefinition> steps) {
    Map<String, Set<String>> preds = new LinkedHashMap<>();
    for (StepDefinition step : steps) {
      Set<String> p = new LinkedHashSet<>(step.dependsOn());
      p.addAll(step.referencedSteps());
      if (step.branch() != null) {
        p.add(step.branch().condition());
      }
      preds.put(step.name(), p);
    }
    PipelineGraph graph = new PipelineGraph(preds);
    graph.checkAcyclic();
    return graph;
  }

  /** The steps that wait for {@code step}. */
  public List<String> successors(String step) {
    List<String> out = new ArrayList<>();
    predecessors.forEach(
        (name, preds) -> {
          if (preds.contains(step)) {
            out.add(name);
          }
        });
    return out;
  }

  /** The steps in an order where every step follows its predecessors. */
  public List<String> topologicalOrder() {
    List<String> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    while (done.size() < predecessors.size()) {
      for (Map.Entry<String, Set<String>> e : predecessors.entrySet()) {
        if (!done.contains(e.getKey()) && done.containsAll(e.getValue())) {
          done.add(e.getKey());
          order.add(e.getKey());
        }
      }
    }
    return order;
  }

  private void checkAcyclic() {
    Map<String, Integer> state = new HashMap<>();
    for (String start : predecessors.keySet()) {
      List<String> path = new ArrayList<>();
      visit(start, state, path);
    }
  }

  private void visit(String step, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(step);
    if (s != null && s == 2) {
      return;
    }
    path.add(step);
    if (s != null && s == 1) {
      List<String> cycle = path.subList(path.indexOf(step), path.size());
      Collections.reverse(cycle);
      throw new DefinitionException(
          "Step '"
              + cycle.get(0)
              + "': is part of a cycle "
              + String.join(" -> ", cycle)
              + " (expected: DependsOn and property references that form a DAG)");
    }
    state.put(step, 1);
    for (String pred : predecessors.getOrDefault(step, Set.of())) {
      visit(pred, state, path);
    }
    state.put(step, 2);
    path.remove(path.size() - 1);
  }
}
