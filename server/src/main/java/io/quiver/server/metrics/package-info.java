/**
 * Server metrics in Prometheus text format: request counts by operation and outcome, latency
 * histograms, throttled and rejected requests, and store gauges. Recording is lock-free ({@link
 * java.util.concurrent.atomic.LongAdder}s) so it can run on event loops; everything is thread-safe.
 */
@NullMarked
package io.quiver.server.metrics;

import org.jspecify.annotations.NullMarked;
