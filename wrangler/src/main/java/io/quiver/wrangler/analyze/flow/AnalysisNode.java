package io.quiver.wrangler.analyze.flow;

import static java.util.Objects.requireNonNull;

import io.quiver.wrangler.analyze.AnalysisOptions;
import org.jspecify.annotations.Nullable;

/**
 * An analysis node of a flow, read: what it analyses and how.
 *
 * @param nodeId the node's id in the flow
 * @param operator the node's operator id, as written
 * @param title the node's display name, else its {@code name} parameter, else its id
 * @param kind the analysis, or {@code null} if Quiver does not run this operator
 * @param options the target and charts its parameters ask for
 * @param unsupported why Quiver does not run it, or {@code null} if it does
 */
public record AnalysisNode(
    String nodeId,
    String operator,
    String title,
    @Nullable AnalysisKind kind,
    AnalysisOptions options,
    @Nullable String unsupported) {
  /** Checks the parts. */
  public AnalysisNode {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(operator, "operator");
    requireNonNull(title, "title");
    requireNonNull(options, "options");
    if ((kind == null) == (unsupported == null)) {
      throw new IllegalArgumentException("exactly one of kind and unsupported must be given");
    }
  }
}
