/**
 * The step types' local implementations: container-less jobs (Processing, Training, Transform,
 * Tuning, EMR), Lambda and Callback calls, model registration and the check steps.
 *
 * <p>Each runner is stateless and thread-safe; the executor gives it one attempt at a time through
 * {@link io.quiver.pipelines.step.StepRun} and records what it returns.
 */
@NullMarked
package io.quiver.pipelines.step;

import org.jspecify.annotations.NullMarked;
