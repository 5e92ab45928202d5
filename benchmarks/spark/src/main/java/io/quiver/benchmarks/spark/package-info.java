/**
 * Benchmarks of the Spark connector on Spark {@code local[2]}, each next to its baseline in the
 * same JVM and run: offline ingestion next to Spark's own partitioned Parquet writer, and the
 * point-in-time join next to Quiver's single-JVM dataset builder. Run by {@code
 * benchmarks/run-spark.sh}; results in {@code benchmarks/RESULTS.md}.
 */
@NullMarked
package io.quiver.benchmarks.spark;

import org.jspecify.annotations.NullMarked;
