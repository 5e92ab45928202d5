/**
 * The online store: the latest record per identifier of every feature group, in one RocksDB column
 * family keyed by group id and identifier.
 *
 * <p>Priorities: the latest-event-time rule under concurrent writers (per-key striped locks around
 * read-compare-write), then read latency (bloom filters, multi-get). Thread-safe.
 *
 * <p>Internal to storage: other modules go through {@code QuiverStore} (benchmarks alone may use
 * it, to build their baselines from the same parts).
 */
@NullMarked
package io.quiver.storage.internal.online;

import org.jspecify.annotations.NullMarked;
