/**
 * Benchmarks of the offline store path: ingest into online + offline stores against raw RocksDB.
 * Each benchmark runs its baseline side by side. Benchmark states are confined to JMH threads.
 */
@NullMarked
package io.quiver.benchmarks.offline;

import org.jspecify.annotations.NullMarked;
