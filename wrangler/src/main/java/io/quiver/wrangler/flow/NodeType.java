package io.quiver.wrangler.flow;

import java.util.Locale;

/**
 * The role of a node in a flow, as a {@code .flow} file's {@code type} names it. The executor runs
 * SOURCE, TRANSFORM, DATASET and DESTINATION nodes; VISUALIZATION nodes (analyses) are kept in the
 * model and passed over when data runs.
 */
public enum NodeType {
  /** Reads data: no inputs. */
  SOURCE,
  /** Turns one or more inputs into one or more outputs. */
  TRANSFORM,
  /** Names a branch as a dataset; passes its input through. */
  DATASET,
  /** Writes its input somewhere: one input, no outputs used downstream. */
  DESTINATION,
  /** An analysis of its input; produces no data for other nodes. */
  VISUALIZATION;

  /**
   * The type named {@code name}, in any case.
   *
   * @throws FlowException if {@code name} names no type
   */
  static NodeType of(String name, String nodeId) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new FlowException(
          "Cannot read node '"
              + nodeId
              + "': type '"
              + name
              + "' is not one of SOURCE, TRANSFORM, DATASET, DESTINATION, VISUALIZATION");
    }
  }
}
