package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A column's categories, learned as Spark ML's {@code StringIndexer} orders them: by frequency,
 * most frequent first, ties in alphabetical order; values are compared as text, null is not a
 * category. Immutable once built.
 */
final class Vocabulary {
  /** The most categories a column may have. */
  static final int MAX_LABELS = 100_000;

  private final List<String> labels;
  private final Map<String, Integer> index = new HashMap<>();

  Vocabulary(List<String> labels) {
    this.labels = List.copyOf(labels);
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
  }

  int size() {
    return labels.size();
  }

  List<String> labels() {
    return labels;
  }

  /** The index of {@code label}, or -1 if it is not a category. */
  int indexOf(String label) {
    Integer i = index.get(label);
    return i == null ? -1 : i;
  }

  ArrayNode toJson() {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    labels.forEach(array::add);
    return array;
  }

  static Vocabulary fromJson(JsonNode labels, String column) {
    if (labels == null || !labels.isArray()) {
      throw new StepException(
          "the fit has no categories for column '"
              + column
              + "'; refit the flow (quiver flow fit)");
    }
    List<String> list = new ArrayList<>();
    labels.forEach(l -> list.add(l.asText()));
    return new Vocabulary(list);
  }

  /**
   * A fitter counting the values of {@code column}; the result is {@code {"labels": [...]}}.
   *
   * @param emptyIsNull whether an empty string counts as missing (one-hot encoding does)
   */
  static Fitter fitter(Schema input, String column, boolean emptyIsNull) {
    int index = input.indexOf(column);
    if (index < 0) {
      throw new StepException(
          "column '"
              + column
              + "' does not exist (columns: "
              + String.join(", ", input.names())
              + ")");
    }
    DataType type = input.column(index).type();
    if (type.collection()) {
      throw new StepException(
          "column '" + column + "' is " + type.flowName() + " (expected: a scalar column)");
    }
    Map<String, Long> counts = new HashMap<>();
    return new Fitter() {
      @Override
      public void accept(Frame frame) {
        RowLoader loader = new RowLoader(frame, new int[] {index}, new int[] {0});
        Row row = new Row(1);
        for (int r = 0; r < frame.rowCount(); r++) {
          loader.load(r, row);
          String text = ValueCasts.toText(row, 0, type);
          if (text != null && !(emptyIsNull && text.isEmpty())) {
            counts.merge(text, 1L, Long::sum);
          }
        }
        if (counts.size() > MAX_LABELS) {
          throw new StepException(
              "column '"
                  + column
                  + "' has more than "
                  + MAX_LABELS
                  + " distinct values; encode fewer categories (Replace rare values first)");
        }
      }

      @Override
      public ObjectNode result() {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(
            (a, b) -> {
              int byCount = Long.compare(b.getValue(), a.getValue());
              return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
            });
        List<String> labels = new ArrayList<>();
        entries.forEach(e -> labels.add(e.getKey()));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("labels", new Vocabulary(labels).toJson());
        return out;
      }
    };
  }
}
