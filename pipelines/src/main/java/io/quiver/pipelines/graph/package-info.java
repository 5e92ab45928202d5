/**
 * Pictures of a pipeline's DAG, with the step states of an execution: a pure layout and its SVG and
 * PNG renderings. Stateless; thread-safe.
 */
@NullMarked
package io.quiver.pipelines.graph;

import org.jspecify.annotations.NullMarked;
