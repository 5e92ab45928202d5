package io.quiver.wrangler.transform;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A row step that reads one column and writes one: the output column if the node names one, else
 * the input column in place (Data Wrangler's convention for an empty {@code output_column}).
 */
abstract class ColumnStep implements RowStep {
  final String input;
  final @Nullable String output;

  ColumnStep(String input, @Nullable String output) {
    this.input = input;
    this.output = output;
  }

  /** The column written. */
  final String target() {
    return output != null ? output : input;
  }

  @Override
  public Set<String> reads() {
    return Set.of(input);
  }

  @Override
  public Set<String> writes() {
    return Set.of(target());
  }
}
