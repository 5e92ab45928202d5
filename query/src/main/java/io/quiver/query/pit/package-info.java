/**
 * Point-in-time datasets: a base of entities with event times joined, as of each event time, to
 * feature values from any number of feature groups, with SageMaker's DatasetBuilder semantics (time
 * travel by write time, event-time range, deduplication, deletes) and a deterministic train /
 * validation / test split.
 *
 * <p>Priorities: no leakage (a feature row later than the base event time, or written after {@code
 * asOf}, never matches), then speed: the join is a hash of record identifiers to time-sorted runs,
 * probed by binary search, over primitive arrays ({@link io.quiver.query.timeline}, shared with
 * SQL's ASOF JOIN). Builders are not thread-safe; built {@link io.quiver.query.pit.Dataset}s are
 * immutable and thread-safe.
 */
@NullMarked
package io.quiver.query.pit;

import org.jspecify.annotations.NullMarked;
