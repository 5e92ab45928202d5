/**
 * The pipeline engine: pipelines, their durable executions and the scheduler that runs their steps.
 *
 * <p>Priorities: what an API call was told survives {@code kill -9} (every transition is journaled
 * and forced before it is visible); nothing completed runs twice; a failure names the step and says
 * why. {@link io.quiver.pipelines.execution.PipelineEngine} is thread-safe; each execution's state
 * is confined to its runner's monitor.
 */
@NullMarked
package io.quiver.pipelines.execution;

import org.jspecify.annotations.NullMarked;
