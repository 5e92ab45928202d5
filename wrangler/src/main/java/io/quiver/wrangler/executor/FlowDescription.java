package io.quiver.wrangler.executor;

import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.FitStep;
import io.quiver.wrangler.transform.RowStep;
import io.quiver.wrangler.transform.Slots;
import io.quiver.wrangler.transform.Step;
import io.quiver.wrangler.transform.StepException;
import io.quiver.wrangler.transform.TableStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code quiver flow describe} shows: each node with its kind of step, whether it is fitted,
 * and its output schema; and whether the flow can run per record (be attached to a feature group),
 * or why not.
 *
 * @param nodes the nodes, in data order
 * @param perRecord {@code null} if the flow can run per record, else why it cannot
 */
public record FlowDescription(List<NodeDescription> nodes, @Nullable String perRecord) {
  /** Copies the list. */
  public FlowDescription {
    nodes = List.copyOf(nodes);
  }

  /**
   * One node.
   *
   * @param id the node id
   * @param operator its operator
   * @param kind {@code source}, {@code row} (per row), {@code table} (needs all rows), {@code
   *     dataset}, {@code destination} or {@code analysis}
   * @param fit {@code none}, {@code fitted} or {@code needs fit}
   * @param output its output schema, or {@code null} if it cannot be known before fitting
   */
  public record NodeDescription(
      String id, String operator, String kind, String fit, @Nullable Schema output) {}

  static FlowDescription of(
      Flow flow,
      FlowCompiler compiler,
      Map<String, SourceNode> sources,
      Map<String, Schema> sourceSchemas) {
    Map<String, Schema> outputs = new HashMap<>();
    List<NodeDescription> nodes = new ArrayList<>();
    for (FlowNode node : flow.nodes()) {
      Schema input = node.inputs().isEmpty() ? null : outputs.get(node.inputs().get(0).nodeId());
      switch (node.type()) {
        case SOURCE -> {
          Schema schema = sourceSchemas.get(node.id());
          outputs.put(node.id(), schema);
          nodes.add(new NodeDescription(node.id(), node.operator(), "source", "none", schema));
        }
        case DATASET -> {
          outputs.put(node.id(), input);
          nodes.add(new NodeDescription(node.id(), node.operator(), "dataset", "none", input));
        }
        case DESTINATION ->
            nodes.add(
                new NodeDescription(node.id(), node.operator(), "destination", "none", input));
        case VISUALIZATION ->
            nodes.add(new NodeDescription(node.id(), node.operator(), "analysis", "none", null));
        default -> {
          List<Schema> inputs = new ArrayList<>();
          boolean known = true;
          for (var in : node.inputs()) {
            Schema s = outputs.get(in.nodeId());
            known &= s != null;
            inputs.add(s);
          }
          if (!known) {
            nodes.add(new NodeDescription(node.id(), node.operator(), "unknown", "unknown", null));
            continue;
          }
          Step step = compiler.compile(node, inputs);
          String fit =
              node.trainedParameters() != null && compiler.freshFit(node) != null
                  ? "fitted"
                  : "none";
          Schema out = null;
          String kind;
          if (step instanceof FitStep) {
            kind = "row";
            fit = "needs fit";
          } else if (step instanceof RowStep row) {
            kind = "row";
            Slots slots = new Slots(inputs.get(0));
            try {
              row.bind(slots);
            } catch (StepException e) {
              throw node.error(e.getMessage());
            }
            out = slots.schema();
          } else {
            kind = "table";
            out = ((TableStep) step).outputs(inputs).get("default");
          }
          outputs.put(node.id(), out);
          nodes.add(new NodeDescription(node.id(), node.operator(), kind, fit, out));
        }
      }
    }
    String perRecord = null;
    try {
      RecordProgram.compile(flow, compiler.parameters());
    } catch (FlowException e) {
      perRecord = e.getMessage();
    }
    return new FlowDescription(nodes, perRecord);
  }
}
