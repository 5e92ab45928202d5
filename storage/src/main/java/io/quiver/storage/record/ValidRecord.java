package io.quiver.storage.record;

import io.quiver.storage.catalog.FeatureGroup;

/**
 * A record that passed every rule of its feature group, ready to store.
 *
 * @param group the group it belongs to
 * @param recordIdentifier the identifier in canonical form (the online key)
 * @param eventTimeMicros the event time in microseconds since the epoch
 * @param valuesByPosition the values indexed by feature position; {@code null} where absent. Sets
 *     have their duplicates removed. Owned by this record: do not modify.
 */
public record ValidRecord(
    FeatureGroup group,
    String recordIdentifier,
    long eventTimeMicros,
    FeatureValue[] valuesByPosition) {}
