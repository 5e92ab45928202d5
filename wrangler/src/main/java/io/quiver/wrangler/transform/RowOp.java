package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.Row;

/**
 * A compiled row-wise step: reads and writes the slots of one row. The same instance serves every
 * row of a batch and every record written to a feature group; implementations are immutable and
 * thread-safe (per-row state lives in the {@link Row}).
 */
@FunctionalInterface
public interface RowOp {
  /** The operation of a step that only renames, moves or drops columns: nothing to do per row. */
  RowOp NONE = row -> true;

  /**
   * Applies the step to {@code row}.
   *
   * @return whether the row stays; {@code false} drops it (filters)
   * @throws StepException if the row breaks a rule the step enforces (an unseen category under
   *     "Error", say)
   */
  boolean apply(Row row);
}
