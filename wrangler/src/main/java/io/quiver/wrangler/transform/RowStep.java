package io.quiver.wrangler.transform;

import java.util.Set;

/**
 * A step that works on one row at a time, with nothing to learn from the data or its fit frozen:
 * the same compiled {@link RowOp} runs over batches and over single records.
 */
public non-sealed interface RowStep extends Step {

  /**
   * Checks the step against the columns in {@code slots}, defines its outputs there and returns the
   * operation.
   *
   * @throws StepException if a column is missing or of the wrong type
   */
  RowOp bind(Slots slots);

  /** The columns the step reads, as its parameters name them. */
  Set<String> reads();

  /**
   * The columns the step defines, replaces or removes, as its parameters name them; a name ending
   * in {@code *} stands for every column with that prefix.
   */
  Set<String> writes();

  /** Whether the step may drop rows (a filter). */
  default boolean dropsRows() {
    return false;
  }
}
