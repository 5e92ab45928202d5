package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.DataType;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A column's values, as text (Spark's cast to string), through a function into a string column;
 * null stays null.
 */
final class TextMapStep extends ColumnStep {
  private final UnaryOperator<String> function;

  TextMapStep(String input, @Nullable String output, UnaryOperator<String> function) {
    super(input, output);
    this.function = function;
  }

  @Override
  public RowOp bind(Slots slots) {
    DataType type = slots.type(input);
    int in = slots.read(input);
    int out = slots.write(target(), DataType.STRING);
    return row -> {
      String text = ValueCasts.toText(row, in, type);
      row.setObject(out, text == null ? null : function.apply(text));
      return true;
    };
  }
}
