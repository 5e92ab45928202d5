package io.quiver.wrangler.frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a flow's data at one point of the flow, in order, with unique names. Immutable.
 *
 * @param columns the columns
 */
public record Schema(List<Column> columns) {
  /**
   * Copies the columns and checks that their names are unique.
   *
   * @throws IllegalArgumentException if two columns share a name
   */
  public Schema {
    columns = List.copyOf(columns);
    Map<String, Integer> seen = new HashMap<>();
    for (Column column : columns) {
      if (seen.put(column.name(), 0) != null) {
        throw new IllegalArgumentException(
            "columns: '" + column.name() + "' appears twice (expected: unique names)");
      }
    }
  }

  /** A schema of {@code columns}. */
  public static Schema of(Column... columns) {
    return new Schema(List.of(columns));
  }

  /** The number of columns. */
  public int size() {
    return columns.size();
  }

  /** The {@code i}-th column. */
  public Column column(int i) {
    return columns.get(i);
  }

  /** The position of column {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The column named {@code name}, if there is one. */
  public Optional<Column> find(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
  }

  /** The column names, in order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(columns.size());
    columns.forEach(c -> names.add(c.name()));
    return names;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("(");
    for (Column c : columns) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(c.name()).append(' ').append(c.type().flowName());
    }
    return text.append(')').toString();
  }
}
