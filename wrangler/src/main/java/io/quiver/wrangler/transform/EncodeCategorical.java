package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code encode_categorical}: ordinal and one-hot encoding over categories learned as Spark ML's
 * {@code StringIndexer} orders them (most frequent first, ties alphabetical), and similarity
 * encoding. A value that is not a learned category (unseen, or null) is invalid and handled as
 * {@code invalid_handling_strategy} says: {@code Error} (the default) stops the run, {@code Skip}
 * drops the row, {@code Keep} maps it to an extra last category, {@code Replace with NaN} gives
 * NaN. One-hot follows Spark's {@code OneHotEncoder}: {@code drop_last} (default true) drops the
 * last category's slot (with Keep, the invalid one); output is one vector column ({@code Vector},
 * the default) or one 0/1 float column per category named {@code <column>_<category>} ({@code
 * Columns}).
 */
final class EncodeCategorical implements Operator {
  private static final String[] STRATEGIES = {"Error", "Skip", "Keep", "Replace with NaN"};

  @Override
  public String family() {
    return "encode_categorical";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context
            .parameters()
            .dispatch("operator", "Ordinal encode", "One-hot encode", "Similarity encode");
    Parameters p = choice.parameters();
    List<String> columns = p.columns("input_column");
    if (columns.size() != 1) {
      throw new StepException(
          "encodes one column (got " + columns.size() + "); use one node per column");
    }
    String input = columns.get(0);
    String output = p.optString("output_column");
    if (choice.name().equals("Similarity encode")) {
      return SimilarityEncode.compile(input, output, p, context.trained());
    }
    String strategy = p.choice("invalid_handling_strategy", "Error", STRATEGIES);
    boolean oneHot = choice.name().equals("One-hot encode");
    boolean ordinalInput = oneHot && p.bool("input_already_ordinal_encoded", false);
    ObjectNode trained = context.trained();
    if (trained == null) {
      return new VocabularyFit(input, output, oneHot, strategy.equals("Skip"), ordinalInput);
    }
    if (!oneHot) {
      return new Ordinal(
          input, output, Vocabulary.fromJson(trained.get("labels"), input), strategy);
    }
    boolean dropLast = p.bool("drop_last", true);
    boolean columnsStyle =
        p.choice("output_style", "Vector", "Vector", "Columns").equals("Columns");
    Vocabulary vocabulary =
        ordinalInput
            ? indexes((int) trained.path("category_size").asLong())
            : Vocabulary.fromJson(trained.get("labels"), input);
    return new OneHot(input, output, vocabulary, strategy, dropLast, columnsStyle, ordinalInput);
  }

  private static Vocabulary indexes(int size) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      labels.add(Integer.toString(i));
    }
    return new Vocabulary(labels);
  }

  /** Learns the categories (or, for ordinal input, the number of indexes). */
  private record VocabularyFit(
      String input, @Nullable String output, boolean oneHot, boolean skip, boolean ordinalInput)
      implements FitStep {
    @Override
    public Fitter fitter(Schema schema) {
      if (!ordinalInput) {
        return Vocabulary.fitter(schema, input, oneHot);
      }
      Slots slots = new Slots(schema);
      int index = schema.indexOf(input);
      slots.read(input, DataType.LONG, DataType.DOUBLE);
      DataType type = slots.type(input);
      return new Fitter() {
        private long max = -1;

        @Override
        public void accept(Frame frame) {
          RowLoader loader = new RowLoader(frame, new int[] {index}, new int[] {0});
          Row row = new Row(1);
          for (int r = 0; r < frame.rowCount(); r++) {
            loader.load(r, row);
            if (!row.isNull(0)) {
              double v = type == DataType.LONG ? row.getLong(0) : row.getDouble(0);
              if (v < 0 || v != Math.rint(v)) {
                throw new StepException(
                    "column '"
                        + input
                        + "' holds "
                        + v
                        + ", which is not an ordinal index (0, 1, 2, ...)");
              }
              max = Math.max(max, (long) v);
            }
          }
        }

        @Override
        public ObjectNode result() {
          return JsonNodeFactory.instance.objectNode().put("category_size", max + 1);
        }
      };
    }

    @Override
    public Set<String> reads() {
      return Set.of(input);
    }

    @Override
    public Set<String> writes() {
      String target = output != null ? output : input;
      return new java.util.HashSet<>(java.util.List.of(input, target, target + "_*"));
    }

    @Override
    public boolean dropsRows() {
      return skip;
    }
  }

  /** The index of a row's value, or -1 if it is invalid. */
  private static int indexOf(
      Row row, int in, DataType type, Vocabulary vocabulary, boolean emptyIsNull) {
    String text = ValueCasts.toText(row, in, type);
    if (text == null || (emptyIsNull && text.isEmpty())) {
      return -1;
    }
    return vocabulary.indexOf(text);
  }

  private static StepException invalid(Row row, int in, DataType type, String column) {
    String text = ValueCasts.toText(row, in, type);
    return new StepException(
        (text == null ? "a null value" : "value '" + text + "'")
            + " in column '"
            + column
            + "' is not a category the step was fitted on; set invalid_handling_strategy to Keep,"
            + " Skip or Replace with NaN to accept it, or refit");
  }

  private static final class Ordinal extends ColumnStep {
    private final Vocabulary vocabulary;
    private final String strategy;

    Ordinal(String input, @Nullable String output, Vocabulary vocabulary, String strategy) {
      super(input, output);
      this.vocabulary = vocabulary;
      this.strategy = strategy;
    }

    @Override
    public RowOp bind(Slots slots) {
      DataType type = slots.type(input);
      int in = slots.read(input);
      int out = slots.write(target(), DataType.DOUBLE);
      int size = vocabulary.size();
      return row -> {
        int i = indexOf(row, in, type, vocabulary, false);
        if (i >= 0) {
          row.setDouble(out, i);
          return true;
        }
        switch (strategy) {
          case "Keep" -> row.setDouble(out, size);
          case "Replace with NaN" -> row.setDouble(out, Double.NaN);
          case "Skip" -> {
            return false;
          }
          default -> throw invalid(row, in, type, input);
        }
        return true;
      };
    }

    @Override
    public boolean dropsRows() {
      return strategy.equals("Skip");
    }
  }

  private static final class OneHot extends ColumnStep {
    private final Vocabulary vocabulary;
    private final String strategy;
    private final boolean dropLast;
    private final boolean columnsStyle;
    private final boolean ordinalInput;

    OneHot(
        String input,
        @Nullable String output,
        Vocabulary vocabulary,
        String strategy,
        boolean dropLast,
        boolean columnsStyle,
        boolean ordinalInput) {
      super(input, output);
      this.vocabulary = vocabulary;
      this.strategy = strategy;
      this.dropLast = dropLast;
      this.columnsStyle = columnsStyle;
      this.ordinalInput = ordinalInput;
    }

    @Override
    public RowOp bind(Slots slots) {
      DataType type = slots.type(input);
      int in = slots.read(input);
      boolean keep = strategy.equals("Keep");
      int categories = vocabulary.size() + (keep ? 1 : 0);
      int size = categories - (dropLast ? 1 : 0);
      if (size > 10_000 && !columnsStyle) {
        throw new StepException(
            "the one-hot vector would have " + size + " slots; encode fewer categories");
      }
      int[] outs;
      int vectorSlot = -1;
      String target = target();
      if (columnsStyle) {
        if (target.equals(input)) {
          slots.remove(input);
        }
        int named = Math.min(size, vocabulary.size());
        outs = new int[named];
        for (int i = 0; i < named; i++) {
          String name = target + "_" + vocabulary.labels().get(i);
          if (slots.has(name)) {
            throw new StepException(
                "column '" + name + "' exists already; name the output otherwise");
          }
          outs[i] = slots.write(name, DataType.DOUBLE);
        }
      } else {
        outs = new int[0];
        vectorSlot = slots.write(target, DataType.VECTOR);
      }
      int vector = vectorSlot;
      int labels = vocabulary.size();
      return row -> {
        int i;
        if (ordinalInput) {
          i = -1;
          if (!row.isNull(in)) {
            double v = type == DataType.LONG ? row.getLong(in) : row.getDouble(in);
            if (v >= 0 && v < labels && v == Math.rint(v)) {
              i = (int) v;
            }
          }
        } else {
          i = indexOf(row, in, type, vocabulary, true);
        }
        boolean nan = false;
        if (i < 0) {
          switch (strategy) {
            case "Keep" -> i = labels;
            case "Replace with NaN" -> nan = true;
            case "Skip" -> {
              return false;
            }
            default -> throw invalid(row, in, type, input);
          }
        }
        if (vector >= 0) {
          double[] values = new double[size];
          if (nan) {
            Arrays.fill(values, Double.NaN);
          } else if (i < size) {
            values[i] = 1;
          }
          row.setObject(vector, values);
        } else {
          for (int c = 0; c < outs.length; c++) {
            row.setDouble(outs[c], nan ? Double.NaN : c == i ? 1 : 0);
          }
        }
        return true;
      };
    }

    @Override
    public Set<String> writes() {
      return new java.util.HashSet<>(java.util.List.of(input, target(), target() + "_*"));
    }

    @Override
    public boolean dropsRows() {
      return strategy.equals("Skip");
    }
  }
}
