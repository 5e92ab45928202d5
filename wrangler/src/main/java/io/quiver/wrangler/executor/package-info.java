/**
 * Runs flows: {@link io.quiver.wrangler.executor.FlowRunner} fits and runs a flow over batches on a
 * worker pool, and {@link io.quiver.wrangler.executor.RecordProgram} runs a fitted flow's chain on
 * one record at a time, as a feature group's ingest transform ({@link
 * io.quiver.wrangler.executor.FlowIngestCompiler}, found by storage through {@link
 * java.util.ServiceLoader}).
 *
 * <p>Priorities: a record written to a group with a flow attached gets exactly the values a batch
 * run gives the same row; runs stream, using every core, with memory bounded except where a step
 * needs all rows. The runner is thread-safe; plans and evaluations are confined to one run.
 */
@NullMarked
package io.quiver.wrangler.executor;

import org.jspecify.annotations.NullMarked;
