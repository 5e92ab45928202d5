package io.quiver.wrangler.executor;

import io.quiver.storage.error.ValidationException;
import io.quiver.storage.ingest.IngestTransform;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.NodeType;
import io.quiver.wrangler.flow.ParameterValues;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.FitStep;
import io.quiver.wrangler.transform.OperatorCatalog;
import io.quiver.wrangler.transform.RowStep;
import io.quiver.wrangler.transform.Step;
import io.quiver.wrangler.transform.TableStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A flow's per-record part: the chain of nodes from its source to its output, compiled with every
 * fit frozen, turning one raw record into the derived record. It runs the same {@link RowProgram} a
 * batch run does. Immutable and thread-safe.
 */
public final class RecordProgram implements IngestTransform {
  private final String flowName;
  private final Schema input;
  private final RowProgram program;
  private final int[] outputSlots;
  private final Map<String, Integer> positions = new HashMap<>();

  private RecordProgram(String flowName, Schema input, RowProgram program) {
    this.flowName = flowName;
    this.input = input;
    this.program = program;
    this.outputSlots = program.outputSlots();
    for (int c = 0; c < input.size(); c++) {
      positions.put(input.column(c).name(), c);
    }
  }

  /**
   * Compiles the per-record part of {@code flow}: the chain from its one SOURCE node to its one
   * DESTINATION node (or its one final node), every node row-wise and fitted.
   *
   * @throws FlowException saying why the flow cannot run per record: more than one source or
   *     output, a node that joins or needs all rows (sort, split, ...), a fit missing or stale, a
   *     source never fitted (its schema unknown)
   */
  public static RecordProgram compile(Flow flow, ParameterValues parameters) {
    List<FlowNode> chain = chain(flow);
    SourceNode source = SourceNode.of(chain.get(0), parameters);
    Schema input = source.fittedSchema();
    if (input == null) {
      throw chain
          .get(0)
          .error(
              "the source's schema is not recorded; fit the flow first (quiver flow fit), which"
                  + " records the columns and types a record must have");
    }
    FlowCompiler compiler =
        new FlowCompiler(OperatorCatalog.standard(), parameters, FlowCompiler.StaleFits.REFUSE);
    List<RowProgram.Link> links = new ArrayList<>();
    Schema schema = input;
    for (FlowNode node : chain.subList(1, chain.size())) {
      if (node.type() != NodeType.TRANSFORM) {
        continue;
      }
      Step step = compiler.compile(node, List.of(schema));
      if (step instanceof FitStep) {
        throw node.error(
            "it is not fitted; fit the flow first (quiver flow fit), so that every record is"
                + " transformed with the same frozen state");
      }
      if (step instanceof TableStep table) {
        throw node.error("it cannot run on one record at a time: " + table.whyNotPerRecord());
      }
      links.add(new RowProgram.Link(node, (RowStep) step));
      schema = RowProgram.compile(input, links).output();
    }
    return new RecordProgram(flow.name(), input, RowProgram.compile(input, links));
  }

  /** The nodes from the source to the output, in order. */
  static List<FlowNode> chain(Flow flow) {
    List<FlowNode> sources = new ArrayList<>();
    List<FlowNode> destinations = new ArrayList<>();
    List<FlowNode> ends = new ArrayList<>();
    for (FlowNode node : flow.nodes()) {
      if (node.type() == NodeType.SOURCE) {
        sources.add(node);
      } else if (node.type() == NodeType.DESTINATION) {
        destinations.add(node);
      } else if (node.type() != NodeType.VISUALIZATION
          && flow.consumers(node.id()).stream().allMatch(c -> c.type() == NodeType.VISUALIZATION)) {
        ends.add(node);
      }
    }
    if (sources.size() != 1) {
      throw new FlowException(
          "Cannot run flow "
              + flow.name()
              + " on single records: it has "
              + sources.size()
              + " sources (expected: one, whose columns a record provides)");
    }
    List<FlowNode> outputs = destinations.isEmpty() ? ends : destinations;
    if (outputs.size() != 1) {
      throw new FlowException(
          "Cannot run flow "
              + flow.name()
              + " on single records: it has "
              + outputs.size()
              + (destinations.isEmpty() ? " final nodes" : " destinations")
              + " (expected: one, whose output is the record stored)");
    }
    List<FlowNode> reversed = new ArrayList<>();
    FlowNode node = outputs.get(0);
    while (true) {
      reversed.add(node);
      if (node.type() == NodeType.SOURCE) {
        break;
      }
      if (node.inputs().size() != 1) {
        throw node.error(
            "it reads "
                + node.inputs().size()
                + " inputs; a flow runs on single records only as one chain from one source");
      }
      node = flow.node(node.inputs().get(0).nodeId());
    }
    if (!reversed.get(reversed.size() - 1).id().equals(sources.get(0).id())) {
      throw new FlowException(
          "Cannot run flow " + flow.name() + ": its output is not fed by its source");
    }
    List<FlowNode> chain = new ArrayList<>();
    for (int i = reversed.size() - 1; i >= 0; i--) {
      chain.add(reversed.get(i));
    }
    return chain;
  }

  /** The columns a raw record may have, with their types. */
  public Schema input() {
    return input;
  }

  /** The columns of the derived record. */
  public Schema output() {
    return program.output();
  }

  /**
   * The derived record of {@code raw}.
   *
   * @throws ValidationException if a value is not of its column's type, a step refuses it, or a
   *     filter drops it (the message names the node)
   */
  @Override
  public Record apply(Record raw) {
    Row row = program.newRow();
    FlowNode dropped = run(raw, row);
    if (dropped != null) {
      throw new ValidationException(
          "Cannot store the record: flow "
              + flowName
              + " drops it at node "
              + dropped.label()
              + ", as a batch run of the flow would");
    }
    return RecordValues.toRecord(row, program.output(), outputSlots);
  }

  /**
   * The derived row of {@code raw} as typed values in {@link #output()}'s column order, or {@code
   * null} if a filter drops it (as a batch run drops the row): for engines that run the flow over
   * rows of their own, such as Spark. Values: LONG {@code Long}, DOUBLE {@code Double}, BOOLEAN
   * {@code Boolean}, STRING {@code String}, DATE and TIMESTAMP {@code Long} microseconds since the
   * epoch, VECTOR {@code double[]}, STRING_LIST {@code String[]}; {@code null} where null.
   *
   * @throws ValidationException if a value is not of its column's type or a step refuses it
   */
  public @Nullable Object @Nullable [] applyToValues(Record raw) {
    Row row = program.newRow();
    if (run(raw, row) != null) {
      return null;
    }
    Schema output = program.output();
    Object[] values = new Object[outputSlots.length];
    for (int c = 0; c < outputSlots.length; c++) {
      int s = outputSlots[c];
      if (row.isNull(s)) {
        continue;
      }
      values[c] =
          switch (output.column(c).type()) {
            case LONG, DATE, TIMESTAMP -> row.getLong(s);
            case DOUBLE -> row.getDouble(s);
            case BOOLEAN -> row.getBoolean(s);
            case STRING, VECTOR, STRING_LIST -> row.getObject(s);
          };
    }
    return values;
  }

  /** Loads {@code raw} into {@code row} and runs the chain; the node that dropped it, if any. */
  private @Nullable FlowNode run(Record raw, Row row) {
    RecordValues.load(raw, input, positions, row, flowName);
    try {
      return program.apply(row);
    } catch (FlowException e) {
      throw new ValidationException(
          "Cannot transform the record with flow " + flowName + ": " + e.getMessage());
    }
  }
}
