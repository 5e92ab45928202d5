/** Benchmarks of dataset analysis: the one-pass profile against DuckDB's SUMMARIZE. */
@NullMarked
package io.quiver.benchmarks.analyze;

import org.jspecify.annotations.NullMarked;
