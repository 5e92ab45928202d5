package io.quiver.wrangler.frame;

import static java.util.Objects.requireNonNull;

/**
 * A named, typed column of a flow's data.
 *
 * @param name the column's name
 * @param type its type
 */
public record Column(String name, DataType type) {
  /** Checks that both parts are present. */
  public Column {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
  }
}
