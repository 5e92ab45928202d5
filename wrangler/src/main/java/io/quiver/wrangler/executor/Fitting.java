package io.quiver.wrangler.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.NodeOutput;
import io.quiver.wrangler.flow.NodeType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.FitStep;
import io.quiver.wrangler.transform.Fitter;
import io.quiver.wrangler.transform.RowStep;
import io.quiver.wrangler.transform.Slots;
import io.quiver.wrangler.transform.Step;
import io.quiver.wrangler.transform.StepException;
import io.quiver.wrangler.transform.TableStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/*
 * Design: fitting reads the data in passes. In a pass, every node that still needs a fit and whose
 * input does not depend on another unfitted node is fitted at once: unfitted nodes pass their
 * input through unchanged, the columns they would write are "tainted", and a node reading a
 * tainted column (or sitting below a node that may drop rows, or below a table step fed by taint)
 * waits for a later pass. Fitters that see the same values are fed from one stream: an earlier
 * fitter joins a later one on the same chain when nothing between them rewrites what it reads or
 * drops rows. A typical flow (cast, impute, scale and encode different columns) fits in one pass;
 * each chain of fitted steps over the same column adds one.
 */

/** Fits a flow's unfitted nodes, pass by pass. Not thread-safe. */
final class Fitting {
  private final Flow original;
  private final FlowCompiler compiler;
  private final Map<String, SourceNode> sourceNodes;
  private final Map<String, Schema> sourceSchemas;
  private final Function<SourceNode, Pipe> sources;
  private final java.util.concurrent.ExecutorService pool;
  private final int window;
  private final RunListener listener;
  private final Map<String, Step> steps = new HashMap<>();
  // Each available node's output schemas in the current pass, built as nodes are analysed.
  private final Map<String, Map<String, Schema>> schemas = new HashMap<>();

  Fitting(
      Flow flow,
      FlowCompiler compiler,
      Map<String, SourceNode> sourceNodes,
      Map<String, Schema> sourceSchemas,
      Function<SourceNode, Pipe> sources,
      java.util.concurrent.ExecutorService pool,
      int window,
      RunListener listener) {
    this.original = flow;
    this.compiler = compiler;
    this.sourceNodes = sourceNodes;
    this.sourceSchemas = sourceSchemas;
    this.sources = sources;
    this.pool = pool;
    this.window = window;
    this.listener = listener;
  }

  /** A pass's view of a node. */
  private record Status(boolean available, Set<String> taint, boolean barrier) {}

  /**
   * Fits every node that needs it.
   *
   * @return the flow with the new fits, and how many nodes were fitted
   * @throws FlowException naming a node that cannot be fitted
   */
  Flow fitAll() {
    Flow flow = original;
    for (int pass = 1; ; pass++) {
      Map<String, Plan.Mode> modes = new HashMap<>();
      Map<String, Status> status = new HashMap<>();
      Map<String, FitStep> unfitted = new LinkedHashMap<>();
      steps.clear();
      schemas.clear();
      List<String> ready = new ArrayList<>();
      List<FlowNode> prefix = new ArrayList<>();
      for (FlowNode node : flow.nodes()) {
        analyse(flow, node, modes, status, unfitted, ready);
        prefix.add(node);
      }
      if (unfitted.isEmpty()) {
        return flow;
      }
      if (ready.isEmpty()) {
        throw new FlowException(
            "Cannot fit nodes " + unfitted.keySet() + ": their inputs never become available");
      }
      List<FlowNode> planned = new ArrayList<>();
      for (FlowNode node : prefix) {
        if (status.get(node.id()).available()) {
          planned.add(node);
        }
      }
      Plan plan =
          new Plan(
              flow, planned, compiler, sourceNodes, sourceSchemas, sources, modes, pool, window);
      Map<String, ObjectNode> results = new LinkedHashMap<>();
      for (List<String> group : groups(flow, ready, modes, unfitted)) {
        results.putAll(fitGroup(flow, plan, group, unfitted, pass));
      }
      for (Map.Entry<String, ObjectNode> e : results.entrySet()) {
        flow = flow.withTrainedParameters(e.getKey(), e.getValue());
      }
    }
  }

  private void analyse(
      Flow flow,
      FlowNode node,
      Map<String, Plan.Mode> modes,
      Map<String, Status> status,
      Map<String, FitStep> unfitted,
      List<String> ready) {
    if (node.type() == NodeType.SOURCE) {
      status.put(node.id(), new Status(true, Set.of(), false));
      schemas.put(node.id(), Map.of(NodeOutput.DEFAULT, sourceSchemas.get(node.id())));
      return;
    }
    if (node.type() == NodeType.VISUALIZATION || node.type() == NodeType.DESTINATION) {
      status.put(node.id(), new Status(false, Set.of(), false));
      return;
    }
    Set<String> taint = new HashSet<>();
    boolean barrier = false;
    boolean available = true;
    List<Schema> inputs = new ArrayList<>();
    for (var in : node.inputs()) {
      Status s = status.get(in.nodeId());
      available &= s.available();
      taint.addAll(s.taint());
      barrier |= s.barrier();
    }
    if (!available) {
      status.put(node.id(), new Status(false, Set.of(), false));
      return;
    }
    for (var in : node.inputs()) {
      inputs.add(schemas.get(in.nodeId()).get(in.outputName()));
    }
    if (node.type() == NodeType.DATASET) {
      status.put(node.id(), new Status(true, taint, barrier));
      schemas.put(node.id(), passThrough(node, inputs.get(0)));
      return;
    }
    Step step;
    try {
      step = compiler.compile(node, inputs);
      steps.put(node.id(), step);
    } catch (FlowException e) {
      if (taint.isEmpty() && !barrier) {
        throw e;
      }
      // Its columns depend on a node not fitted yet: wait for a later pass.
      status.put(node.id(), new Status(false, Set.of(), false));
      return;
    }
    if (step instanceof FitStep fit) {
      unfitted.put(node.id(), fit);
      if (!barrier && !tainted(fit.reads(), taint)) {
        ready.add(node.id());
      }
      modes.put(node.id(), Plan.Mode.IDENTITY);
      taint.addAll(fit.writes());
      status.put(node.id(), new Status(true, taint, barrier || fit.dropsRows()));
      schemas.put(node.id(), passThrough(node, inputs.get(0)));
      return;
    }
    if (step instanceof RowStep row) {
      if (tainted(row.reads(), taint)) {
        modes.put(node.id(), Plan.Mode.IDENTITY);
        taint.addAll(row.writes());
        status.put(node.id(), new Status(true, taint, barrier || row.dropsRows()));
        schemas.put(node.id(), passThrough(node, inputs.get(0)));
        return;
      }
      Slots slots = new Slots(inputs.get(0));
      try {
        row.bind(slots);
      } catch (StepException e) {
        if (taint.isEmpty() && !barrier) {
          throw node.error(e.getMessage());
        }
        status.put(node.id(), new Status(false, Set.of(), false));
        return;
      }
      status.put(node.id(), new Status(true, taint, barrier));
      schemas.put(node.id(), Map.of(NodeOutput.DEFAULT, slots.schema()));
      return;
    }
    // A table step over tainted input could depend on it anywhere: it waits.
    boolean clean = taint.isEmpty() && !barrier && step instanceof TableStep;
    status.put(node.id(), new Status(clean, Set.of(), false));
    if (clean) {
      try {
        schemas.put(node.id(), ((TableStep) step).outputs(inputs));
      } catch (StepException e) {
        throw node.error(e.getMessage());
      }
    }
  }

  private static Map<String, Schema> passThrough(FlowNode node, Schema input) {
    Map<String, Schema> out = new HashMap<>();
    node.outputs().forEach(o -> out.put(o.name(), input));
    return out;
  }

  private static boolean tainted(Set<String> reads, Set<String> taint) {
    if (taint.isEmpty()) {
      return false;
    }
    // "*" reads or writes every column (a formula, the type step).
    if (reads.contains("*") || taint.contains("*")) {
      return true;
    }
    for (String read : reads) {
      for (String t : taint) {
        if (t.endsWith("*") ? read.startsWith(t.substring(0, t.length() - 1)) : read.equals(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Groups ready fitters that can share one stream: along a chain, an earlier fitter joins the
   * latest one below it when nothing in between (run in this pass) writes what it reads or drops
   * rows.
   */
  private List<List<String>> groups(
      Flow flow, List<String> ready, Map<String, Plan.Mode> modes, Map<String, FitStep> unfitted) {
    List<List<String>> groups = new ArrayList<>();
    Set<String> assigned = new HashSet<>();
    for (int i = ready.size() - 1; i >= 0; i--) {
      String probe = ready.get(i);
      if (assigned.contains(probe)) {
        continue;
      }
      List<String> group = new ArrayList<>();
      group.add(probe);
      assigned.add(probe);
      // Walk up the chain from the probe, collecting compatible fitters.
      FlowNode node = flow.node(probe);
      Set<String> rewritten = new HashSet<>();
      boolean dropping = false;
      while (node.inputs().size() == 1) {
        FlowNode above = flow.node(node.inputs().get(0).nodeId());
        if (above.type() == NodeType.SOURCE || flow.consumers(above.id()).size() > 1) {
          break;
        }
        if (ready.contains(above.id()) && !assigned.contains(above.id())) {
          FitStep fit = unfitted.get(above.id());
          if (!dropping && !tainted(fit.reads(), rewritten)) {
            group.add(above.id());
            assigned.add(above.id());
          }
        } else if (modes.get(above.id()) != Plan.Mode.IDENTITY
            && above.type() == NodeType.TRANSFORM) {
          Step step = steps.get(above.id());
          if (step instanceof RowStep row) {
            rewritten.addAll(row.writes());
            dropping |= row.dropsRows();
          } else {
            break;
          }
        }
        node = above;
      }
      groups.add(group);
    }
    return groups;
  }

  private Map<String, ObjectNode> fitGroup(
      Flow flow, Plan plan, List<String> group, Map<String, FitStep> unfitted, int pass) {
    FlowNode probe = flow.node(group.get(0));
    Schema schema = plan.input(probe, 0);
    Map<String, Fitter> fitters = new LinkedHashMap<>();
    for (String id : group) {
      try {
        fitters.put(id, unfitted.get(id).fitter(schema));
      } catch (StepException e) {
        throw flow.node(id).error(e.getMessage());
      }
    }
    listener.onFitStarted(pass, List.copyOf(fitters.keySet()));
    long rows = 0;
    try (Evaluation frames = plan.evaluate(plan.openInput(probe, 0))) {
      for (Frame frame = frames.next(); frame != null; frame = frames.next()) {
        rows += frame.rowCount();
        for (Fitter fitter : fitters.values()) {
          fitter.accept(frame);
        }
        listener.onProgress("fit pass " + pass, rows, frames.fractionRead());
      }
    }
    Map<String, ObjectNode> results = new LinkedHashMap<>();
    for (Map.Entry<String, Fitter> e : fitters.entrySet()) {
      FlowNode node = flow.node(e.getKey());
      try {
        results.put(e.getKey(), compiler.trained(node, e.getValue().result()));
      } catch (StepException ex) {
        throw node.error(ex.getMessage());
      }
    }
    return results;
  }
}
