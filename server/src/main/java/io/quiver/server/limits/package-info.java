/**
 * Admission control, applied before any work is done: per-operation throughput ({@link
 * io.quiver.server.limits.TokenBucket}, {@link io.quiver.server.limits.ThroughputLimits}), the
 * bounded worker pool that runs blocking store calls ({@link io.quiver.server.limits.WorkerPool})
 * and the cap on concurrent feature group creations ({@link
 * io.quiver.server.limits.CreationLimit}). Overload is answered with SageMaker's errors, never
 * queued without bound. Everything here is thread-safe and lock-free on the request path.
 */
@NullMarked
package io.quiver.server.limits;

import org.jspecify.annotations.NullMarked;
