package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Schema;
import java.util.List;
import java.util.Map;

/**
 * A step that needs more than one row at a time (sort, shuffle, drop duplicates, join, concatenate,
 * split, explode, sampling, lag and rolling windows): it runs over whole inputs in a batch run and
 * cannot run on a single record, so a flow holding one cannot be attached to a feature group's
 * write path.
 */
public non-sealed interface TableStep extends Step {

  /**
   * The schema of each output, by output name, for inputs of {@code inputs}' schemas (in the node's
   * input order).
   *
   * @throws StepException if a column is missing or of the wrong type
   */
  Map<String, Schema> outputs(List<Schema> inputs);

  /**
   * Runs the step over its inputs, returning a stream per output name. The step may read its inputs
   * lazily; the caller closes what it is given back, which closes the inputs.
   *
   * @throws StepException if the data breaks one of the step's rules
   */
  Map<String, FrameStream> run(List<FrameStream> inputs);

  /** Why this step cannot run per record, for the message refusing to attach the flow. */
  String whyNotPerRecord();
}
