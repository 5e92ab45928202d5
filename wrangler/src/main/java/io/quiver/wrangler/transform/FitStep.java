package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.Schema;
import java.util.Set;

/**
 * A row-wise step that must learn from its input before it runs (a scaler's statistics, an
 * encoder's categories): the executor feeds a {@link Fitter} the step's input, stores what it
 * returns as the node's trained parameters, and compiles the node again into a {@link RowStep}.
 */
public non-sealed interface FitStep extends Step {

  /**
   * A fitter for input of {@code input}'s columns.
   *
   * @throws StepException if a column is missing or of the wrong type
   */
  Fitter fitter(Schema input);

  /** The columns the fitted step will read. */
  Set<String> reads();

  /** The columns it will define, replace or remove ({@code prefix*} for a family of columns). */
  Set<String> writes();

  /** Whether the fitted step may drop rows. */
  default boolean dropsRows() {
    return false;
  }
}
