package io.quiver.wrangler.flow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * A named output of a node, with the sample a source declares on it for fitting.
 *
 * @param name the output's name ({@code default} unless the node splits its data)
 * @param sampling a source's {@code sampling} object ({@code sample_by_limit}, {@code
 *     sample_by_ratio}, {@code sample_by_count}, {@code stratified}), or {@code null}
 */
public record NodeOutput(String name, @Nullable ObjectNode sampling) {
  /** The output name every single-output node uses. */
  public static final String DEFAULT = "default";

  /** Checks that the name is present. */
  public NodeOutput {
    requireNonNull(name, "name");
  }
}
