package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code manage_columns}: drop, duplicate, rename, move and concatenate columns, with Data
 * Wrangler's parameters ({@code column_to_drop}, {@code columns_to_rename}, {@code move_type},
 * ...). Renames and moves cost nothing per row: they only change which slot a name points to.
 */
final class ManageColumns implements Operator {

  @Override
  public String family() {
    return "manage_columns";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context
            .parameters()
            .dispatch(
                "operator",
                "Drop column",
                "Duplicate column",
                "Rename column",
                "Move column",
                "Concatenate columns");
    Parameters p = choice.parameters();
    return switch (choice.name()) {
      case "Drop column" -> drop(p.columns("column_to_drop"));
      case "Duplicate column" -> duplicate(p.string("input_column"), p.string("new_name"));
      case "Rename column" -> rename(p);
      case "Move column" -> move(p);
      default -> concatenate(p);
    };
  }

  private static RowStep drop(List<String> columns) {
    return new Layout(Set.of(), Set.copyOf(columns)) {
      @Override
      void apply(Slots slots) {
        for (String column : columns) {
          slots.remove(column);
        }
      }
    };
  }

  private static RowStep duplicate(String input, String newName) {
    if (newName.isBlank() || newName.equals(input)) {
      throw new StepException("new_name must differ from input_column and not be blank");
    }
    return new RowStep() {
      @Override
      public RowOp bind(Slots slots) {
        if (slots.has(newName)) {
          throw new StepException("column '" + newName + "' already exists");
        }
        DataType type = slots.type(input);
        int from = slots.read(input);
        int to = slots.write(newName, type);
        return row -> {
          row.copy(from, to);
          return true;
        };
      }

      @Override
      public Set<String> reads() {
        return Set.of(input);
      }

      @Override
      public Set<String> writes() {
        return Set.of(newName);
      }
    };
  }

  private static RowStep rename(Parameters p) {
    List<String[]> renames = new ArrayList<>();
    for (Parameters pair : p.objects("columns_to_rename")) {
      renames.add(new String[] {pair.string("input_column"), pair.string("new_name")});
    }
    if (p.has("input_column") || renames.isEmpty()) {
      renames.add(new String[] {p.string("input_column"), p.string("new_name")});
    }
    Set<String> reads = new HashSet<>();
    Set<String> writes = new HashSet<>();
    for (String[] pair : renames) {
      if (pair[1].isBlank() || pair[1].equals(pair[0])) {
        throw new StepException(
            "the new name of '" + pair[0] + "' must differ from it and not be blank");
      }
      reads.add(pair[0]);
      writes.add(pair[0]);
      writes.add(pair[1]);
    }
    return new Layout(reads, writes) {
      @Override
      void apply(Slots slots) {
        for (String[] pair : renames) {
          slots.rename(pair[0], pair[1]);
        }
      }
    };
  }

  private static RowStep move(Parameters p) {
    Parameters.Choice how =
        p.dispatch(
            "move_type",
            "Move to start",
            "Move to end",
            "Move to index",
            "Move after",
            "Move before");
    Parameters q = how.parameters();
    List<String> moving = q.columns("column_to_move");
    return new Layout(Set.of(), Set.of()) {
      @Override
      void apply(Slots slots) {
        List<String> names = slots.names();
        for (String m : moving) {
          slots.type(m);
        }
        // Moved columns keep their relative order, as in Data Wrangler.
        List<String> moved = new ArrayList<>();
        for (String name : names) {
          if (moving.contains(name)) {
            moved.add(name);
          }
        }
        List<String> rest = new ArrayList<>(names);
        rest.removeAll(moved);
        int index =
            switch (how.name()) {
              case "Move to start" -> 0;
              case "Move to end" -> rest.size();
              case "Move to index" -> {
                long i = q.integer("index");
                if (i < 0 || i >= names.size()) {
                  throw new StepException(
                      "index is " + i + " (expected: 0 to " + (names.size() - 1) + ")");
                }
                yield (int) Math.min(i, rest.size());
              }
              default -> {
                String target = q.string("target_column");
                if (moving.contains(target)) {
                  throw new StepException(
                      "target_column '" + target + "' is one of the columns to move");
                }
                slots.type(target);
                int at = rest.indexOf(target);
                yield how.name().equals("Move after") ? at + 1 : at;
              }
            };
        List<String> order = new ArrayList<>(rest.subList(0, index));
        order.addAll(moved);
        order.addAll(rest.subList(index, rest.size()));
        slots.reorder(order);
      }
    };
  }

  private static RowStep concatenate(Parameters p) {
    String left = p.string("left_column");
    String right = p.string("right_column");
    String delimiter = p.string("delimiter", "_");
    String output = p.string("output_column", left + "_" + right);
    return new RowStep() {
      @Override
      public RowOp bind(Slots slots) {
        DataType leftType = slots.type(left);
        DataType rightType = slots.type(right);
        int l = slots.read(left);
        int r = slots.read(right);
        int out = slots.write(output, DataType.STRING);
        return row -> {
          // Spark's concat_ws skips nulls.
          String a = ValueCasts.toText(row, l, leftType);
          String b = ValueCasts.toText(row, r, rightType);
          row.setObject(out, a == null ? (b == null ? "" : b) : b == null ? a : a + delimiter + b);
          return true;
        };
      }

      @Override
      public Set<String> reads() {
        return new LinkedHashSet<>(List.of(left, right));
      }

      @Override
      public Set<String> writes() {
        return Set.of(output);
      }
    };
  }

  /** A step that only changes names and order: no work per row. */
  private abstract static class Layout implements RowStep {
    private final Set<String> reads;
    private final Set<String> writes;

    Layout(Set<String> reads, Set<String> writes) {
      this.reads = reads;
      this.writes = writes;
    }

    abstract void apply(Slots slots);

    @Override
    public RowOp bind(Slots slots) {
      apply(slots);
      return RowOp.NONE;
    }

    @Override
    public Set<String> reads() {
      return reads;
    }

    @Override
    public Set<String> writes() {
      return writes;
    }
  }
}
