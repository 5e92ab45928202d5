package io.quiver.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows for people (a boxed table) or for programs (one JSON object per line). Not thread-safe. */
final class TextTable {
  /** How rows are printed. */
  enum Format {
    table,
    json
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> names;
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... names) {
    this.names = List.of(names);
  }

  void add(String... row) {
    if (row.length != names.size()) {
      throw new IllegalArgumentException(
          "row: " + row.length + " values (expected: " + names.size() + ")");
    }
    rows.add(row);
  }

  void print(PrintWriter out, Format format) {
    if (format == Format.json) {
      for (String[] row : rows) {
        ObjectNode object = JSON.createObjectNode();
        for (int i = 0; i < row.length; i++) {
          object.put(names.get(i), row[i]);
        }
        try {
          out.println(JSON.writeValueAsString(object));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("Cannot write a row as JSON", e);
        }
      }
      return;
    }
    print(out, names, rows);
  }

  /** A boxed table: a rule, the header, a rule, the rows, a rule. */
  static void print(PrintWriter out, List<String> names, List<String[]> rows) {
    int[] widths = names.stream().mapToInt(String::length).toArray();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], String.valueOf(row[i]).length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : widths) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    out.println(line(names.toArray(new String[0]), widths));
    out.println(rule);
    rows.forEach(r -> out.println(line(r, widths)));
    out.println(rule);
  }

  private static String line(String[] values, int[] widths) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < values.length; i++) {
      String v = String.valueOf(values[i]);
      sb.append(' ').append(v).append(" ".repeat(widths[i] - v.length())).append(" |");
    }
    return sb.toString();
  }
}
