/** Benchmarks of SQL and point-in-time datasets, each against DuckDB over the same files. */
@NullMarked
package io.quiver.benchmarks.query;

import org.jspecify.annotations.NullMarked;
