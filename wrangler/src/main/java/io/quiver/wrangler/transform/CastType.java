package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.DataType;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code cast_single_data_type} ("Parse column as type"): casts a column to long, float, bool,
 * date, datetime or string with Spark's cast rules; a value that does not cast becomes null, a
 * fixed value, or drops its row, optionally keeping the original text in a {@code
 * <column>_typecast_error} column next to it. Dates parse with {@code date_formatting} (default
 * {@code dd-MM-yyyy}, as in Data Wrangler); datetimes with {@code datetime_formatting} or, without
 * it, any of Spark's supported layouts (Data Wrangler falls back to pandas there).
 */
final class CastType implements Operator {
  @Override
  public String family() {
    return "cast_single_data_type";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters p = context.parameters();
    String column = p.string("column");
    DataType type;
    try {
      type = DataType.fromFlowName(p.string("data_type"));
    } catch (IllegalArgumentException e) {
      throw new StepException("parameter 'data_type': " + e.getMessage());
    }
    if (type.collection()) {
      throw new StepException(
          "parameter 'data_type' is " + type.flowName() + " (expected: a scalar type)");
    }
    String method =
        p.choice(
            "non_castable_data_handling_method",
            "replace_null",
            "replace_null",
            "replace_null_with_new_col",
            "replace_value",
            "replace_value_with_new_col",
            "drop");
    DateTimeFormatter format =
        type == DataType.DATE
            ? ValueCasts.pattern(p.string("date_formatting", "dd-MM-yyyy"))
            : type == DataType.TIMESTAMP && p.has("datetime_formatting")
                ? ValueCasts.pattern(p.string("datetime_formatting"))
                : null;
    String replaceValue = method.startsWith("replace_value") ? p.string("replace_value") : null;
    if (replaceValue != null
        && !ValueCasts.fromText(
            replaceValue, type, new io.quiver.wrangler.frame.Row(1), 0, format)) {
      throw new StepException(
          "replace_value '" + replaceValue + "' is not a " + type.flowName() + " value");
    }
    return new Cast(column, type, method, format, replaceValue);
  }

  private static final class Cast implements RowStep {
    private final String column;
    private final DataType type;
    private final String method;
    private final @Nullable DateTimeFormatter format;
    private final @Nullable String replaceValue;

    Cast(
        String column,
        DataType type,
        String method,
        @Nullable DateTimeFormatter format,
        @Nullable String replaceValue) {
      this.column = column;
      this.type = type;
      this.method = method;
      this.format = format;
      this.replaceValue = replaceValue;
    }

    @Override
    public RowOp bind(Slots slots) {
      DataType from = slots.type(column);
      if (from == type) {
        slots.read(column);
        return RowOp.NONE;
      }
      int in = slots.read(column);
      boolean errorColumn = method.endsWith("_with_new_col");
      int error =
          errorColumn ? slots.writeAfter(column, column + "_typecast_error", DataType.STRING) : -1;
      int out = slots.write(column, type);
      int fixed = replaceValue != null ? slots.scratch() : -1;
      boolean drop = method.equals("drop");
      String fixedText = replaceValue;
      return row -> {
        ValueCasts.cast(row, in, from, out, type, format);
        // As in Data Wrangler, "not castable" is a null result, which a null value also gives.
        boolean ok = !row.isNull(out);
        if (errorColumn) {
          row.setObject(error, ok ? "" : ValueCasts.toText(row, in, from));
        }
        if (!ok && fixedText != null) {
          ValueCasts.fromText(fixedText, type, row, fixed, format);
          row.copy(fixed, out);
        }
        return !drop || !row.isNull(out);
      };
    }

    @Override
    public Set<String> reads() {
      return Set.of(column);
    }

    @Override
    public Set<String> writes() {
      return method.endsWith("_with_new_col")
          ? Set.of(column, column + "_typecast_error")
          : Set.of(column);
    }

    @Override
    public boolean dropsRows() {
      return method.equals("drop");
    }
  }
}
