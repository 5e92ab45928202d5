/**
 * Quiver's engine: {@link io.quiver.storage.QuiverStore} opens a data directory and offers the
 * feature group control plane and the record operations of SageMaker Feature Store (put, get, batch
 * get, delete) on a RocksDB online store with an offline staging log.
 *
 * <p>Priorities: correctness of the latest-event-time rule and durability of every acknowledged
 * write first, then read latency. Every public type here is thread-safe or immutable.
 */
@NullMarked
package io.quiver.storage;

import org.jspecify.annotations.NullMarked;
