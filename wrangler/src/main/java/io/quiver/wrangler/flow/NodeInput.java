package io.quiver.wrangler.flow;

import static java.util.Objects.requireNonNull;

/**
 * An edge into a node: which output of which node feeds the input named {@code name}.
 *
 * @param name the input's name ({@code df}, {@code default}; joins list left, then right)
 * @param nodeId the node the data comes from
 * @param outputName which of that node's outputs ({@code default}, or a split's name)
 */
public record NodeInput(String name, String nodeId, String outputName) {
  /** Checks that every part is present. */
  public NodeInput {
    requireNonNull(name, "name");
    requireNonNull(nodeId, "nodeId");
    requireNonNull(outputName, "outputName");
  }
}
