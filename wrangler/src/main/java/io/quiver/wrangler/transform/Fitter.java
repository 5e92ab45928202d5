package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.Frame;

/**
 * Learns a step's state from its input, one batch after another, in one pass. Not thread-safe: one
 * thread feeds a fitter.
 */
public interface Fitter {

  /** Learns from one batch of the step's input. */
  void accept(Frame frame);

  /**
   * The learned state as plain JSON (vocabularies, means, bounds), without the parameter hash,
   * which the executor adds.
   *
   * @throws StepException if the input could not be learned from (no values at all, say)
   */
  ObjectNode result();
}
