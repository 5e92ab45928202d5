/**
 * Monitoring baselines in the files SageMaker Model Monitor (Deequ) reads and writes: {@code
 * statistics.json} and {@code constraints.json} suggested from a dataset's profile, and a check of
 * a new dataset against them that writes {@code constraint_violations.json}. The formats are
 * specified in {@code docs/format/monitoring-baseline.md}. Entry point: {@link
 * io.quiver.wrangler.analyze.baseline.Baseline}; the monitoring schedules and the pipelines'
 * QualityCheck step call it with a profile of the data they see.
 *
 * <p>Priorities: files a SageMaker tool reads unchanged, and reading the files SageMaker writes; a
 * violation message that says what was expected and what was seen. Value types are immutable;
 * everything here is stateless and thread-safe.
 */
@NullMarked
package io.quiver.wrangler.analyze.baseline;

import org.jspecify.annotations.NullMarked;
