package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of the data at one point of a chain of row-wise steps, each held in a slot of a
 * {@link io.quiver.wrangler.frame.Row}: steps bind to it in order, reading input columns' slots and
 * defining their outputs. Every definition takes a fresh slot, so no step overwrites a value a
 * later step still needs; renaming keeps the slot. It also records which input slots any step
 * reads, so a batch loads only those. Not thread-safe: used while compiling.
 */
public final class Slots {
  private record Entry(String name, DataType type, int slot) {}

  private final List<Entry> columns = new ArrayList<>();
  private final Map<String, Integer> positions = new HashMap<>();
  private final int inputSlots;
  private final BitSet inputsRead = new BitSet();
  private int nextSlot;

  /** The scope at the start of a chain: column {@code i} of {@code input} is in slot {@code i}. */
  public Slots(Schema input) {
    for (Column column : input.columns()) {
      columns.add(new Entry(column.name(), column.type(), nextSlot++));
    }
    this.inputSlots = nextSlot;
    reindex();
  }

  private void reindex() {
    positions.clear();
    for (int i = 0; i < columns.size(); i++) {
      positions.put(columns.get(i).name(), i);
    }
  }

  private Entry entry(String name) {
    Integer position = positions.get(name);
    if (position == null) {
      throw new StepException(
          "column '" + name + "' does not exist (columns: " + String.join(", ", names()) + ")");
    }
    return columns.get(position);
  }

  /** Whether a column named {@code name} exists here. */
  public boolean has(String name) {
    return positions.containsKey(name);
  }

  /** The column names, in order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(columns.size());
    columns.forEach(e -> names.add(e.name()));
    return names;
  }

  /**
   * The type of column {@code name}.
   *
   * @throws StepException if there is no such column
   */
  public DataType type(String name) {
    return entry(name).type();
  }

  /**
   * The slot of column {@code name}, which the step reads.
   *
   * @throws StepException if there is no such column
   */
  public int read(String name) {
    Entry e = entry(name);
    if (e.slot() < inputSlots) {
      inputsRead.set(e.slot());
    }
    return e.slot();
  }

  /**
   * The slot of column {@code name}, which must be of one of {@code allowed} types.
   *
   * @throws StepException if there is no such column or it has another type
   */
  public int read(String name, DataType... allowed) {
    DataType type = type(name);
    for (DataType t : allowed) {
      if (t == type) {
        return read(name);
      }
    }
    List<String> names = new ArrayList<>();
    for (DataType t : allowed) {
      names.add(t.flowName());
    }
    throw new StepException(
        "column '"
            + name
            + "' is "
            + type.flowName()
            + " (expected: "
            + String.join(" or ", names)
            + ")"
            + (type == DataType.STRING && !names.contains("string")
                ? "; cast it first (Parse column as type)"
                : ""));
  }

  /**
   * Defines column {@code name} of {@code type} in a fresh slot: replaces the column of that name
   * where it stands, or adds it at the end.
   */
  public int write(String name, DataType type) {
    int slot = nextSlot++;
    Integer position = positions.get(name);
    if (position != null) {
      columns.set(position, new Entry(name, type, slot));
    } else {
      columns.add(new Entry(name, type, slot));
      positions.put(name, columns.size() - 1);
    }
    return slot;
  }

  /**
   * Defines column {@code name} right after column {@code anchor} (or replaces it where it stands).
   *
   * @throws StepException if {@code anchor} does not exist
   */
  public int writeAfter(String anchor, String name, DataType type) {
    if (positions.containsKey(name)) {
      return write(name, type);
    }
    int at = positions.get(entry(anchor).name()) + 1;
    int slot = nextSlot++;
    columns.add(at, new Entry(name, type, slot));
    reindex();
    return slot;
  }

  /** A fresh slot for a step's own use (a constant, an intermediate value), not a column. */
  public int scratch() {
    return nextSlot++;
  }

  /**
   * Removes column {@code name}.
   *
   * @throws StepException if there is no such column
   */
  public void remove(String name) {
    columns.remove((int) positions.get(entry(name).name()));
    reindex();
  }

  /**
   * Renames column {@code from} to {@code to}, keeping its slot and position.
   *
   * @throws StepException if {@code from} does not exist or {@code to} already does
   */
  public void rename(String from, String to) {
    Entry e = entry(from);
    if (!from.equals(to) && positions.containsKey(to)) {
      throw new StepException("cannot rename '" + from + "' to '" + to + "': that column exists");
    }
    columns.set(positions.get(from), new Entry(to, e.type(), e.slot()));
    reindex();
  }

  /**
   * Puts the columns in the order of {@code names}, which must name each column once.
   *
   * @throws StepException if {@code names} is not a permutation of the columns
   */
  public void reorder(List<String> names) {
    if (names.size() != columns.size() || !positions.keySet().containsAll(names)) {
      throw new StepException("the new column order must name every column once");
    }
    List<Entry> reordered = new ArrayList<>();
    for (String name : names) {
      reordered.add(entry(name));
    }
    columns.clear();
    columns.addAll(reordered);
    reindex();
  }

  /** The columns here, as a schema. */
  public Schema schema() {
    List<Column> result = new ArrayList<>(columns.size());
    columns.forEach(e -> result.add(new Column(e.name(), e.type())));
    return new Schema(result);
  }

  /** The slots of the columns here, in column order. */
  public int[] slots() {
    int[] slots = new int[columns.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = columns.get(i).slot();
    }
    return slots;
  }

  /** The number of slots a row needs for everything defined so far. */
  public int slotCount() {
    return nextSlot;
  }

  /** The number of input slots (the chain's input columns). */
  public int inputSlots() {
    return inputSlots;
  }

  /** The input slots some step reads. */
  public BitSet inputsRead() {
    return (BitSet) inputsRead.clone();
  }
}
