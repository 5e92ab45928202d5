package io.quiver.wrangler.executor;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.frame.ColumnWriter;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.RowOp;
import io.quiver.wrangler.transform.RowStep;
import io.quiver.wrangler.transform.Slots;
import io.quiver.wrangler.transform.StepException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * Design: consecutive row-wise nodes are fused into one program over a slot row. Each step binds
 * to a Slots scope that gives every defined column a fresh slot, so the program is a flat array of
 * operations run in order on one Row; a batch loads only the input columns some step reads, and
 * input columns no step touches pass through as the batch's own vectors (gathered if a filter
 * dropped rows). The per-record path runs the same operations on a Row loaded from a record, which
 * is what makes a flow's training and serving values identical.
 */

/**
 * A chain of row-wise nodes compiled into one program over a {@link Row}. Immutable and
 * thread-safe: every call works on its own rows.
 */
final class RowProgram {
  private final Schema input;
  private final Schema output;
  private final FlowNode[] nodes;
  private final RowOp[] ops;
  private final int slotCount;
  private final int[] loadColumns;
  private final int[] outputSlots;
  private final int inputSlots;

  private RowProgram(
      Schema input,
      Schema output,
      FlowNode[] nodes,
      RowOp[] ops,
      int slotCount,
      int[] loadColumns,
      int[] outputSlots,
      int inputSlots) {
    this.input = input;
    this.output = output;
    this.nodes = nodes;
    this.ops = ops;
    this.slotCount = slotCount;
    this.loadColumns = loadColumns;
    this.outputSlots = outputSlots;
    this.inputSlots = inputSlots;
  }

  /** A step of a program: the node it comes from and its compiled step. */
  record Link(FlowNode node, RowStep step) {}

  /**
   * Compiles {@code links}, in order, over input of {@code input}'s columns.
   *
   * @throws FlowException naming the node whose columns do not fit
   */
  static RowProgram compile(Schema input, List<Link> links) {
    Slots slots = new Slots(input);
    List<FlowNode> nodes = new ArrayList<>();
    List<RowOp> ops = new ArrayList<>();
    for (Link link : links) {
      RowOp op;
      try {
        op = link.step().bind(slots);
      } catch (StepException e) {
        throw link.node().error(e.getMessage());
      }
      if (op != RowOp.NONE) {
        nodes.add(link.node());
        ops.add(op);
      }
    }
    BitSet read = slots.inputsRead();
    int[] loads = read.stream().toArray();
    return new RowProgram(
        input,
        slots.schema(),
        nodes.toArray(new FlowNode[0]),
        ops.toArray(new RowOp[0]),
        slots.slotCount(),
        loads,
        slots.slots(),
        slots.inputSlots());
  }

  Schema input() {
    return input;
  }

  Schema output() {
    return output;
  }

  /** A fresh row with room for every slot of the program. */
  Row newRow() {
    return new Row(slotCount);
  }

  /** The slot of each output column, in output order. */
  int[] outputSlots() {
    return outputSlots.clone();
  }

  /**
   * Runs the program on a row whose input slots (0 to input size - 1) are loaded.
   *
   * @return the node that dropped the row, or {@code null} if the row stays
   * @throws FlowException naming the node if a step refuses the row
   */
  @Nullable FlowNode apply(Row row) {
    for (int i = 0; i < ops.length; i++) {
      boolean keep;
      try {
        keep = ops[i].apply(row);
      } catch (StepException e) {
        throw nodes[i].error(e.getMessage());
      } catch (ArithmeticException e) {
        throw nodes[i].error("a value is out of range: " + e.getMessage());
      }
      if (!keep) {
        return nodes[i];
      }
    }
    return null;
  }

  /** Runs the program over a batch of the input schema. */
  Frame apply(Frame frame) {
    int rows = frame.rowCount();
    Row row = newRow();
    RowLoader loader = new RowLoader(frame, loadColumns, loadColumns);
    List<Integer> computed = new ArrayList<>();
    for (int c = 0; c < outputSlots.length; c++) {
      if (outputSlots[c] >= inputSlots) {
        computed.add(c);
      }
    }
    ColumnWriter[] writers = new ColumnWriter[outputSlots.length];
    for (int c : computed) {
      writers[c] = ColumnWriter.of(output.column(c).type(), rows);
    }
    int[] kept = new int[rows];
    int keptCount = 0;
    for (int r = 0; r < rows; r++) {
      loader.load(r, row);
      if (apply(row) != null) {
        continue;
      }
      for (int c : computed) {
        writers[c].append(row, outputSlots[c]);
      }
      kept[keptCount++] = r;
    }
    List<ColumnVector> vectors = new ArrayList<>(outputSlots.length);
    for (int c = 0; c < outputSlots.length; c++) {
      if (writers[c] != null) {
        vectors.add(writers[c].finish());
        continue;
      }
      ColumnVector source = frame.vector(outputSlots[c]);
      if (keptCount == rows) {
        vectors.add(source);
        continue;
      }
      ColumnWriter gather = ColumnWriter.of(output.column(c).type(), keptCount);
      for (int i = 0; i < keptCount; i++) {
        gather.append(source, kept[i]);
      }
      vectors.add(gather.finish());
    }
    return new Frame(output, new ColumnBatch(keptCount, vectors));
  }
}
