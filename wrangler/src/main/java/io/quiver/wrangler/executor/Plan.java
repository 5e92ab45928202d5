package io.quiver.wrangler.executor;

import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.NodeInput;
import io.quiver.wrangler.flow.NodeOutput;
import io.quiver.wrangler.flow.NodeType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.FitStep;
import io.quiver.wrangler.transform.RowStep;
import io.quiver.wrangler.transform.Slots;
import io.quiver.wrangler.transform.Step;
import io.quiver.wrangler.transform.StepException;
import io.quiver.wrangler.transform.TableStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/*
 * Design: a plan compiles every node once, in data order, to its step and output schemas, then
 * opens node outputs on demand. Opening a row-wise node walks up through the row-wise nodes above
 * it and fuses them into one RowProgram over the nearest source or table step, so each batch runs
 * the whole chain in one task. Outputs read by more than one node, and every output of a table
 * step with several outputs, are materialized once and shared; other outputs are recomputed per
 * reader (a flow whose branches share a source reads it once per branch).
 */

/** A compiled flow that opens node outputs as pipes. Not thread-safe: one run at a time. */
final class Plan {
  /** How a fit pass treats a node. */
  enum Mode {
    /** Run the node. */
    RUN,
    /** Pass its input through unchanged (an unfitted node in a fit pass). */
    IDENTITY
  }

  /** A node with its step and the schema of each output. */
  record Compiled(FlowNode node, @Nullable Step step, Map<String, Schema> outputs) {}

  private final Flow flow;
  private final Map<String, Compiled> compiled = new LinkedHashMap<>();
  private final Map<String, Mode> modes;
  private final Function<SourceNode, Pipe> sources;
  private final Map<String, SourceNode> sourceNodes;
  private final ExecutorService pool;
  private final int window;
  private final Map<String, Map<String, List<Frame>>> shared = new HashMap<>();

  /**
   * Compiles {@code nodes} (a prefix of the flow, in data order).
   *
   * @throws FlowException naming a node that does not compile
   */
  Plan(
      Flow flow,
      List<FlowNode> nodes,
      FlowCompiler compiler,
      Map<String, SourceNode> sourceNodes,
      Map<String, Schema> sourceSchemas,
      Function<SourceNode, Pipe> sources,
      Map<String, Mode> modes,
      ExecutorService pool,
      int window) {
    this.flow = flow;
    this.modes = modes;
    this.sources = sources;
    this.sourceNodes = sourceNodes;
    this.pool = pool;
    this.window = window;
    for (FlowNode node : nodes) {
      compiled.put(node.id(), compile(node, compiler, sourceSchemas));
    }
  }

  private Compiled compile(
      FlowNode node, FlowCompiler compiler, Map<String, Schema> sourceSchemas) {
    switch (node.type()) {
      case SOURCE -> {
        return new Compiled(node, null, Map.of(NodeOutput.DEFAULT, sourceSchemas.get(node.id())));
      }
      case DATASET, DESTINATION, VISUALIZATION -> {
        Schema input = inputSchema(node, 0);
        Map<String, Schema> outputs = new HashMap<>();
        node.outputs().forEach(o -> outputs.put(o.name(), input));
        return new Compiled(node, null, outputs);
      }
      default -> {
        List<Schema> inputs = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
          inputs.add(inputSchema(node, i));
        }
        if (modes.get(node.id()) == Mode.IDENTITY) {
          return new Compiled(node, null, Map.of(NodeOutput.DEFAULT, inputs.get(0)));
        }
        Step step = compiler.compile(node, inputs);
        Map<String, Schema> outputs;
        if (step instanceof RowStep row) {
          if (inputs.size() != 1) {
            throw node.error("a row-wise transform takes one input (got " + inputs.size() + ")");
          }
          Slots slots = new Slots(inputs.get(0));
          try {
            row.bind(slots);
          } catch (StepException e) {
            throw node.error(e.getMessage());
          }
          outputs = Map.of(NodeOutput.DEFAULT, slots.schema());
        } else if (step instanceof TableStep table) {
          try {
            outputs = table.outputs(inputs);
          } catch (StepException e) {
            throw node.error(e.getMessage());
          }
          for (NodeOutput out : node.outputs()) {
            if (!outputs.containsKey(out.name())) {
              throw node.error(
                  "it has no output '" + out.name() + "' (its outputs: " + outputs.keySet() + ")");
            }
          }
        } else {
          FitStep fit = (FitStep) step;
          throw node.error(
              "it must be fitted before it runs"
                  + (fit.reads().isEmpty() ? "" : " (it learns from " + fit.reads() + ")"));
        }
        return new Compiled(node, step, outputs);
      }
    }
  }

  private Schema inputSchema(FlowNode node, int i) {
    NodeInput in = node.inputs().get(i);
    Compiled from = compiled.get(in.nodeId());
    if (from == null) {
      throw node.error("its input '" + in.name() + "' is not available");
    }
    Schema schema = from.outputs().get(in.outputName());
    if (schema == null) {
      throw node.error("node '" + in.nodeId() + "' has no output '" + in.outputName() + "'");
    }
    return schema;
  }

  /** The compiled node {@code id}. */
  Compiled compiled(String id) {
    Compiled c = compiled.get(id);
    if (c == null) {
      throw new FlowException("Node '" + id + "' is not part of this plan");
    }
    return c;
  }

  /** The schema of input {@code i} of node {@code node}. */
  Schema input(FlowNode node, int i) {
    return inputSchema(node, i);
  }

  /** Opens input {@code i} of {@code node}. */
  Pipe openInput(FlowNode node, int i) {
    NodeInput in = node.inputs().get(i);
    return open(in.nodeId(), in.outputName());
  }

  /** Opens output {@code output} of node {@code id}. */
  Pipe open(String id, String output) {
    Compiled c = compiled(id);
    FlowNode node = c.node();
    if (node.type() == NodeType.SOURCE) {
      return sources.apply(sourceNodes.get(id));
    }
    if (c.step() == null) {
      return openInput(node, 0);
    }
    if (c.step() instanceof TableStep table) {
      return openTable(c, table, output);
    }
    // Fuse the row-wise nodes above this one into one program.
    List<RowProgram.Link> links = new ArrayList<>();
    FlowNode top = node;
    while (true) {
      Compiled current = compiled(top.id());
      if (current.step() instanceof RowStep row) {
        links.add(0, new RowProgram.Link(top, row));
      } else if (current.step() != null || top.type() == NodeType.SOURCE) {
        break;
      }
      NodeInput in = top.inputs().get(0);
      FlowNode above = flow.node(in.nodeId());
      Compiled up = compiled(above.id());
      boolean fusable =
          above.type() != NodeType.SOURCE
              && !(up.step() instanceof TableStep)
              && above.inputs().size() == 1
              && !shared.containsKey(above.id());
      if (!fusable) {
        break;
      }
      top = above;
    }
    Pipe base = openInput(top, 0);
    try {
      return Pipe.mapped(base, RowProgram.compile(base.schema(), links));
    } catch (RuntimeException e) {
      base.close();
      throw e;
    }
  }

  private Pipe openTable(Compiled c, TableStep table, String output) {
    FlowNode node = c.node();
    Map<String, List<Frame>> memo = shared.get(node.id());
    if (memo != null) {
      return Pipe.of(FrameStream.of(c.outputs().get(output), memo.get(output)));
    }
    List<FrameStream> inputs = new ArrayList<>();
    Map<String, FrameStream> outputs;
    try {
      for (int i = 0; i < node.inputs().size(); i++) {
        inputs.add(new Evaluation(openInput(node, i), pool, window));
      }
      outputs = table.run(inputs);
    } catch (StepException e) {
      inputs.forEach(FrameStream::close);
      throw node.error(e.getMessage());
    } catch (RuntimeException e) {
      inputs.forEach(FrameStream::close);
      throw e;
    }
    long readers =
        flow.nodes().stream()
            .flatMap(n -> n.inputs().stream())
            .filter(in -> in.nodeId().equals(node.id()))
            .count();
    if (readers <= 1 && outputs.size() == 1) {
      return Pipe.of(guarded(node, outputs.get(output)));
    }
    Map<String, List<Frame>> all = new HashMap<>();
    for (Map.Entry<String, FrameStream> e : outputs.entrySet()) {
      all.put(e.getKey(), FrameStream.drain(guarded(node, e.getValue())));
    }
    shared.put(node.id(), all);
    return Pipe.of(FrameStream.of(c.outputs().get(output), all.get(output)));
  }

  /** A table step's output whose failures name the node. */
  private static FrameStream guarded(FlowNode node, FrameStream stream) {
    return new FrameStream() {
      @Override
      public Schema schema() {
        return stream.schema();
      }

      @Override
      public @Nullable Frame next() {
        try {
          return stream.next();
        } catch (StepException e) {
          throw node.error(e.getMessage());
        }
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }

  /** Runs {@code pipe}'s tasks on the pool, in order. */
  Evaluation evaluate(Pipe pipe) {
    return new Evaluation(pipe, pool, window);
  }
}
