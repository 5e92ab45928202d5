/**
 * The point-in-time join's core, shared by SQL's {@code ASOF JOIN} and the dataset builder: a
 * feature group's history as time-sorted runs per record identifier ({@link
 * io.quiver.query.timeline.FeatureTimeline}), filtered by {@link
 * io.quiver.query.timeline.HistoryRules} (time travel by write time, event-time range,
 * deduplication, deletes), probed by binary search.
 *
 * <p>Priorities: no leakage (a row later than the probe time, or written after {@code asOf}, never
 * matches), then speed over primitive arrays. Built timelines are immutable and thread-safe.
 */
@NullMarked
package io.quiver.query.timeline;

import org.jspecify.annotations.NullMarked;
