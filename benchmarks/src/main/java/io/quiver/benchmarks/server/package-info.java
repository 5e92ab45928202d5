/**
 * Load generators for the network server: {@link
 * io.quiver.benchmarks.server.GetRecordLoadGenerator} drives GetRecord over REST or gRPC at a fixed
 * rate or closed loop and reports HdrHistogram percentiles. Each client is confined to one
 * connection's event loop; the recorder is thread-safe.
 */
@NullMarked
package io.quiver.benchmarks.server;

import org.jspecify.annotations.NullMarked;
