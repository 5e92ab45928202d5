/**
 * The analysis nodes of a data flow ({@code VISUALIZATION} nodes in a {@code .flow} file): {@link
 * io.quiver.wrangler.analyze.flow.AnalysisNodes} reads each node's operator and parameters
 * (analysis type, target, columns) into {@link io.quiver.wrangler.analyze.AnalysisOptions}; the
 * rows reaching the node come from {@link io.quiver.wrangler.analyze.input.BatchSource#flowNode}.
 *
 * <p>Stateless; result types are immutable.
 */
@NullMarked
package io.quiver.wrangler.analyze.flow;

import org.jspecify.annotations.NullMarked;
