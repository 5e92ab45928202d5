package io.quiver.wrangler.analyze.insight;

import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The target column of the sample: its problem type (regression when numeric with more than {@value
 * #CLASSIFICATION_LIMIT} distinct values, as Data Wrangler decides, else classification), the rows
 * where it is present, and its values as numbers or as class indexes.
 */
final class Target {
  static final int CLASSIFICATION_LIMIT = 100;

  final String name;
  final int column;
  final boolean regression;
  final int[] rows;
  final double[] values; // regression values, or class indexes
  final List<String> classes;

  private Target(
      String name,
      int column,
      boolean regression,
      int[] rows,
      double[] values,
      List<String> classes) {
    this.name = name;
    this.column = column;
    this.regression = regression;
    this.rows = rows;
    this.values = values;
    this.classes = classes;
  }

  /**
   * The target {@code name} of {@code table}, on at most {@code maxRows} rows.
   *
   * @throws ValidationException if there is no such column or it has fewer than two values
   */
  static Target of(SampleTable table, String name, int maxRows) {
    int c = table.indexOf(name);
    if (c < 0) {
      throw new ValidationException(
          "Cannot analyse target '"
              + name
              + "': no such column (columns: "
              + String.join(", ", table.names())
              + ")");
    }
    boolean regression =
        table.numeric(c) && table.profile(c).distinct().rounded() > CLASSIFICATION_LIMIT;
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < table.rows() && rows.size() < maxRows; r++) {
      boolean present = regression ? !Double.isNaN(table.number(c)[r]) : table.text(c)[r] != null;
      if (present) {
        rows.add(r);
      }
    }
    int[] at = rows.stream().mapToInt(Integer::intValue).toArray();
    double[] values = new double[at.length];
    List<String> classes = List.of();
    if (regression) {
      for (int i = 0; i < at.length; i++) {
        values[i] = table.number(c)[at[i]];
      }
    } else {
      TreeMap<String, Integer> index = new TreeMap<>();
      for (int r : at) {
        index.put(table.text(c)[r], 0);
      }
      classes = List.copyOf(index.keySet());
      for (int i = 0; i < at.length; i++) {
        values[i] = classes.indexOf(table.text(c)[at[i]]);
      }
    }
    if (at.length < 10 || (!regression && classes.size() < 2)) {
      throw new ValidationException(
          "Cannot analyse target '"
              + name
              + "': it needs at least 10 present values and, as a class label, two classes (found "
              + at.length
              + " values, "
              + (regression ? "numeric" : classes.size() + " classes")
              + ")");
    }
    return new Target(name, c, regression, at, values, classes);
  }
}
