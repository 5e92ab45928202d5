/**
 * The flow model: a JSON document of nodes (sources, transforms, destinations, analyses) and edges
 * by node id and output name, with user parameters ({@code {{name}}} placeholders) and fitted state
 * kept apart, read from Quiver flow files and SageMaker Data Wrangler {@code .flow} files alike.
 *
 * <p>Priorities: every malformed flow is refused with a message naming the node; what Quiver does
 * not interpret is kept when a flow is written back. Values are immutable and thread-safe.
 */
@NullMarked
package io.quiver.wrangler.flow;

import org.jspecify.annotations.NullMarked;
