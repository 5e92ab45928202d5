/** Benchmarks of bulk import, each next to DuckDB doing the nearest equivalent job. */
@NullMarked
package io.quiver.benchmarks.ingest;

import org.jspecify.annotations.NullMarked;
