package io.quiver.wrangler.flow;

import static java.util.Objects.requireNonNull;

/**
 * A user parameter of a flow: {@code {{name}}} in any string of a node's parameters (typically part
 * of an S3 path) is replaced by its value, which a run may override.
 *
 * @param name the name used in placeholders
 * @param type Data Wrangler's parameter type ({@code String}, {@code Number}, {@code Pattern},
 *     {@code Datetime}), kept for display
 * @param value the default value
 */
public record FlowParameter(String name, String type, String value) {
  /** Checks that every part is present. */
  public FlowParameter {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(value, "value");
  }
}
