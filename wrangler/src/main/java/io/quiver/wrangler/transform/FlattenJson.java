package io.quiver.wrangler.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code flatten_json} ("Unnest JSON"): a column of JSON objects becomes one string column per
 * first-level key, {@code <column>_<key>}; nested objects and arrays stay JSON text (apply the step
 * again to go deeper), strings lose their quotes, a missing key or an unparsable value is null. The
 * keys are {@code keys_to_flatten} when given, else learned by the fit (every key seen, in order of
 * first appearance, at most 1000).
 */
final class FlattenJson implements Operator {
  private static final int MAX_KEYS = 1000;

  @Override
  public String family() {
    return "flatten_json";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters p = context.parameters();
    String input = p.string("input_column");
    List<String> keys = p.optColumns("keys_to_flatten");
    ObjectNode trained = context.trained();
    if (keys.isEmpty() && trained == null) {
      return new FitStep() {
        @Override
        public Fitter fitter(Schema schema) {
          int c = Tables.columns(schema, List.of(input), "input")[0];
          DataType type = schema.column(c).type();
          ObjectMapper json = new ObjectMapper();
          Set<String> seen = new LinkedHashSet<>();
          return new Fitter() {
            @Override
            public void accept(Frame frame) {
              RowLoader loader = new RowLoader(frame, new int[] {c}, new int[] {0});
              Row row = new Row(1);
              for (int r = 0; r < frame.rowCount(); r++) {
                loader.load(r, row);
                JsonNode object = parse(json, ValueCasts.toText(row, 0, type));
                if (object != null) {
                  for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                    seen.add(it.next());
                  }
                }
                if (seen.size() > MAX_KEYS) {
                  throw new StepException(
                      "column '" + input + "' has more than " + MAX_KEYS + " keys");
                }
              }
            }

            @Override
            public ObjectNode result() {
              ObjectNode out = JsonNodeFactory.instance.objectNode();
              ArrayNode array = out.putArray("keys");
              seen.forEach(array::add);
              return out;
            }
          };
        }

        @Override
        public Set<String> reads() {
          return Set.of(input);
        }

        @Override
        public Set<String> writes() {
          return Set.of(input + "_*");
        }
      };
    }
    List<String> chosen = new ArrayList<>(keys);
    if (chosen.isEmpty()) {
      trained.path("keys").forEach(k -> chosen.add(k.asText()));
    }
    return new RowStep() {
      @Override
      public RowOp bind(Slots slots) {
        DataType type = slots.type(input);
        int in = slots.read(input);
        int[] outs = new int[chosen.size()];
        for (int i = 0; i < outs.length; i++) {
          outs[i] = slots.write(input + "_" + chosen.get(i), DataType.STRING);
        }
        ObjectMapper json = new ObjectMapper();
        return row -> {
          JsonNode object = parse(json, ValueCasts.toText(row, in, type));
          for (int i = 0; i < outs.length; i++) {
            JsonNode value = object == null ? null : object.get(chosen.get(i));
            row.setObject(
                outs[i],
                value == null || value.isNull()
                    ? null
                    : value.isValueNode() ? value.asText() : value.toString());
          }
          return true;
        };
      }

      @Override
      public Set<String> reads() {
        return Set.of(input);
      }

      @Override
      public Set<String> writes() {
        return Set.of(input + "_*");
      }
    };
  }

  private static JsonNode parse(ObjectMapper json, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode node = json.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
