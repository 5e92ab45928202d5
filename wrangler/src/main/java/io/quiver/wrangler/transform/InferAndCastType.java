package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code infer_and_cast_type}, the "Data types" step Data Wrangler puts after every import: the fit
 * infers each text column's type from the first {@code inference_data_sample_size} rows (default
 * 1000) with Data Wrangler's 80% rule (ignoring nulls and null-like text: a column is long if 80%
 * of its values are numbers and 80% of those whole, float if only the first holds, bool, date
 * ({@code yyyy-MM-dd}) or datetime likewise, else string) and stores the column-to-type map as
 * {@code schema}; the step casts each column to its type (a value that does not cast becomes null).
 * A {@code schema} in a Data Wrangler file's trained parameters, where users edit types, is used as
 * given.
 */
final class InferAndCastType implements Operator {
  private static final double THRESHOLD = 0.8;
  private static final Pattern NULL_LIKE = Pattern.compile("(?i)(null|none|nil|na|nan)");

  @Override
  public String family() {
    return "infer_and_cast_type";
  }

  @Override
  public Step compile(StepContext context) {
    ObjectNode trained = context.trained() != null ? context.trained() : context.foreignTrained();
    if (trained != null && trained.path("schema").isObject()) {
      return new CastAll(schemaMap(trained.get("schema")));
    }
    long sample = context.parameters().integer("inference_data_sample_size", 1000);
    if (sample < 1) {
      throw new StepException("inference_data_sample_size must be at least 1");
    }
    return new FitStep() {
      @Override
      public Fitter fitter(Schema input) {
        return new Inference(input, sample);
      }

      @Override
      public Set<String> reads() {
        return Set.of("*");
      }

      @Override
      public Set<String> writes() {
        return Set.of("*");
      }
    };
  }

  private static Map<String, DataType> schemaMap(JsonNode schema) {
    Map<String, DataType> types = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getValue().asText();
      // Data Wrangler's "object", "array" and "struct" columns stay as read.
      if (List.of("object", "struct", "image").contains(name)) {
        continue;
      }
      try {
        types.put(field.getKey(), DataType.fromFlowName(name));
      } catch (IllegalArgumentException e) {
        throw new StepException("schema." + field.getKey() + ": " + e.getMessage());
      }
    }
    return types;
  }

  /** Casts every column named in the map to its type. */
  private record CastAll(Map<String, DataType> types) implements RowStep {
    @Override
    public RowOp bind(Slots slots) {
      List<int[]> casts = new ArrayList<>();
      List<DataType[]> kinds = new ArrayList<>();
      for (Map.Entry<String, DataType> e : types.entrySet()) {
        if (!slots.has(e.getKey())) {
          throw new StepException(
              "the type map names column '"
                  + e.getKey()
                  + "', which the data does not have (columns: "
                  + String.join(", ", slots.names())
                  + ")");
        }
        DataType from = slots.type(e.getKey());
        if (from == e.getValue() || e.getValue().collection()) {
          continue;
        }
        int in = slots.read(e.getKey());
        int out = slots.write(e.getKey(), e.getValue());
        casts.add(new int[] {in, out});
        kinds.add(new DataType[] {from, e.getValue()});
      }
      if (casts.isEmpty()) {
        return RowOp.NONE;
      }
      int[][] pairs = casts.toArray(new int[0][]);
      DataType[][] types = kinds.toArray(new DataType[0][]);
      return row -> {
        for (int i = 0; i < pairs.length; i++) {
          ValueCasts.cast(row, pairs[i][0], types[i][0], pairs[i][1], types[i][1], null);
        }
        return true;
      };
    }

    @Override
    public Set<String> reads() {
      return types.keySet();
    }

    @Override
    public Set<String> writes() {
      return types.keySet();
    }
  }

  /** Counts, per text column, how many sample values look like each type. */
  private static final class Inference implements Fitter {
    private final Schema input;
    private final long sample;
    private final long[][] counts;
    private long seen;

    Inference(Schema input, long sample) {
      this.input = input;
      this.sample = sample;
      this.counts = new long[input.size()][6];
    }

    @Override
    public void accept(Frame frame) {
      int n = input.size();
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      RowLoader loader = new RowLoader(frame, all, all);
      Row row = new Row(n);
      Row probe = new Row(1);
      for (int r = 0; r < frame.rowCount() && seen < sample; r++, seen++) {
        loader.load(r, row);
        for (int c = 0; c < n; c++) {
          if (input.column(c).type() != DataType.STRING || row.isNull(c)) {
            continue;
          }
          String v = row.getString(c).trim();
          if (v.isEmpty() || NULL_LIKE.matcher(v).matches()) {
            continue;
          }
          long[] k = counts[c];
          k[0]++;
          if (!v.contains("_")
              && ValueCasts.fromText(v, DataType.DOUBLE, probe, 0, null)
              && Double.isFinite(probe.getDouble(0))) {
            k[1]++;
            double d = probe.getDouble(0);
            if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
              k[2]++;
            }
          }
          String lower = v.toLowerCase(Locale.ROOT);
          if (lower.equals("true") || lower.equals("false")) {
            k[3]++;
          }
          if (v.length() == 10 && ValueCasts.parseDate(v, null) != null) {
            k[4]++;
          }
          if (ValueCasts.parseTimestamp(v, null) != null) {
            k[5]++;
          }
        }
      }
    }

    @Override
    public ObjectNode result() {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      ObjectNode schema = out.putObject("schema");
      for (int c = 0; c < input.size(); c++) {
        Column column = input.column(c);
        DataType type = column.type();
        if (type == DataType.STRING) {
          type = infer(counts[c]);
        }
        schema.put(column.name(), type.flowName());
      }
      return out;
    }

    private static DataType infer(long[] k) {
      long n = k[0];
      if (n == 0) {
        return DataType.STRING;
      }
      if (k[1] >= THRESHOLD * n) {
        return k[2] >= THRESHOLD * k[1] ? DataType.LONG : DataType.DOUBLE;
      }
      if (k[3] >= THRESHOLD * n) {
        return DataType.BOOLEAN;
      }
      if (k[4] >= THRESHOLD * n) {
        return DataType.DATE;
      }
      if (k[5] >= THRESHOLD * n) {
        return DataType.TIMESTAMP;
      }
      return DataType.STRING;
    }
  }
}
