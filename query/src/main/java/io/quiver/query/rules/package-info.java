/**
 * Planner rules and operators that let SQL use Quiver's own operators: an {@code ASOF JOIN} against
 * a feature group table runs as a {@link io.quiver.query.timeline.FeatureTimeline} probe instead of
 * Calcite's generic as-of join.
 *
 * <p>Priorities: answers identical to Calcite's {@code EnumerableAsofJoin} (a rule that cannot
 * prove a plan fits leaves it alone), then speed. Rules and operators are immutable and
 * thread-safe; an operator's runtime reads its table afresh on each execution.
 */
@NullMarked
package io.quiver.query.rules;

import org.jspecify.annotations.NullMarked;
