/**
 * Benchmarks of data flows: a batch run next to DuckDB running the same SQL, and the per-record
 * cost of a flow attached to a feature group's write path.
 */
@NullMarked
package io.quiver.benchmarks.flow;

import org.jspecify.annotations.NullMarked;
