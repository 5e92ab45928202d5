/**
 * JMH benchmarks of the online store's single-record paths (GetRecord, PutRecord), each measured
 * next to raw RocksDB get/put of the same key and value bytes with the same table options.
 *
 * <p>Priorities: an honest baseline (same bytes, same RocksDB options, same durability, same fork
 * settings) over speed of the run. The benchmarks are single-threaded by design; their states are
 * not meant to be shared by several benchmark threads.
 */
@NullMarked
package io.quiver.benchmarks.online;

import org.jspecify.annotations.NullMarked;
