/**
 * Renderings of a {@link io.quiver.clarify.bias.BiasAnalysis}: Clarify's {@code analysis.json}
 * shape for tools, and a self-contained HTML page for people.
 *
 * <p>Priorities: the JSON matches what SageMaker Clarify writes, so reports can be diffed; the HTML
 * needs no network, script or stylesheet beyond itself. Stateless and thread-safe.
 */
@NullMarked
package io.quiver.clarify.bias.report;

import org.jspecify.annotations.NullMarked;
