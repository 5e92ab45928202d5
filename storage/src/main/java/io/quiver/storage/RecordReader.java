package io.quiver.storage;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.internal.catalog.Catalog;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.record.RecordRules;
import io.quiver.storage.record.StoredRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The read path: GetRecord and BatchGetRecord. A deleted or expired record reads as absent, whether
 * or not the TTL sweep has removed it yet. Thread-safe and lock-free.
 */
final class RecordReader {
  static final int MAX_BATCH_IDENTIFIERS = 100;
  static final int MAX_BATCH_GROUPS = 10;

  private final Catalog catalog;
  private final OnlineStore online;
  private final InstantSource clock;

  RecordReader(Catalog catalog, OnlineStore online, InstantSource clock) {
    this.catalog = catalog;
    this.online = online;
    this.clock = clock;
  }

  Optional<OnlineRecord> get(
      String featureGroup, String recordIdentifier, @Nullable List<String> featureNames) {
    FeatureGroup group = catalog.get(featureGroup);
    requireOnline(group);
    boolean[] wanted = wanted(group, featureNames);
    String identifier = RecordRules.canonicalIdentifier(group, recordIdentifier);
    return toOnline(
        online.get(OnlineStore.key(group.id(), identifier)), group, wanted, nowMicros());
  }

  BatchGetResult batchGet(List<BatchGetRequest> requests) {
    checkBatchLimits(requests);
    List<BatchGetResult.Failure> errors = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    List<Lookup> lookups = new ArrayList<>();
    for (BatchGetRequest request : requests) {
      FeatureGroup group;
      boolean[] wanted;
      try {
        group = catalog.get(request.featureGroupName());
        requireOnline(group);
        wanted = wanted(group, request.featureNames());
      } catch (QuiverException e) {
        for (String id : request.recordIdentifiers()) {
          errors.add(
              new BatchGetResult.Failure(request.featureGroupName(), id, e.code(), e.getMessage()));
        }
        continue;
      }
      for (String id : request.recordIdentifiers()) {
        try {
          keys.add(OnlineStore.key(group.id(), RecordRules.canonicalIdentifier(group, id)));
          lookups.add(new Lookup(request.featureGroupName(), id, group, wanted));
        } catch (QuiverException e) {
          errors.add(
              new BatchGetResult.Failure(request.featureGroupName(), id, e.code(), e.getMessage()));
        }
      }
    }
    List<byte @Nullable []> values = online.multiGet(keys);
    long now = nowMicros();
    List<BatchGetResult.Found> found = new ArrayList<>();
    for (int i = 0; i < lookups.size(); i++) {
      Lookup lookup = lookups.get(i);
      toOnline(values.get(i), lookup.group(), lookup.wanted(), now)
          .ifPresent(
              r ->
                  found.add(
                      new BatchGetResult.Found(
                          lookup.requestedGroup(),
                          lookup.identifier(),
                          r.record(),
                          r.expiresAt())));
    }
    return new BatchGetResult(found, errors, List.of());
  }

  private static void checkBatchLimits(List<BatchGetRequest> requests) {
    if (requests.isEmpty()) {
      throw new ValidationException(
          "Cannot batch get records: Identifiers must hold at least one entry");
    }
    int identifiers = 0;
    Set<String> groups = new HashSet<>();
    for (BatchGetRequest request : requests) {
      if (request.recordIdentifiers().isEmpty()) {
        throw new ValidationException(
            "Cannot batch get records: RecordIdentifiersValueAsString of feature group "
                + request.featureGroupName()
                + " must hold at least one identifier");
      }
      if (request.featureNames() != null && request.featureNames().isEmpty()) {
        throw new ValidationException(
            "Cannot batch get records: FeatureNames of feature group "
                + request.featureGroupName()
                + " must be absent or hold at least one name");
      }
      identifiers += request.recordIdentifiers().size();
      // A group named once by name and once by ARN is one group.
      groups.add(Catalog.toName(request.featureGroupName()));
    }
    if (identifiers > MAX_BATCH_IDENTIFIERS) {
      throw new ValidationException(
          "Cannot batch get records: the request names "
              + identifiers
              + " record identifiers (expected: at most "
              + MAX_BATCH_IDENTIFIERS
              + " in all)");
    }
    if (groups.size() > MAX_BATCH_GROUPS) {
      throw new ValidationException(
          "Cannot batch get records: the request names "
              + groups.size()
              + " feature groups (expected: at most "
              + MAX_BATCH_GROUPS
              + ")");
    }
  }

  private static void requireOnline(FeatureGroup group) {
    if (!group.spec().hasOnlineStore()) {
      throw new ValidationException(
          "Cannot get record from feature group "
              + group.name()
              + ": the group has no online store");
    }
  }

  private static boolean @Nullable [] wanted(
      FeatureGroup group, @Nullable List<String> featureNames) {
    if (featureNames == null) {
      return null;
    }
    if (featureNames.isEmpty()) {
      throw new ValidationException(
          "Cannot get record from feature group "
              + group.name()
              + ": FeatureNames must be absent or hold at least one name");
    }
    boolean[] wanted = new boolean[group.features().size()];
    for (String name : featureNames) {
      int position = group.position(name);
      if (position < 0) {
        throw new ValidationException(
            "Cannot get record from feature group "
                + group.name()
                + ": FeatureName '"
                + name
                + "' is not defined in the group");
      }
      wanted[position] = true;
    }
    return wanted;
  }

  private static Optional<OnlineRecord> toOnline(
      byte @Nullable [] value, FeatureGroup group, boolean @Nullable [] wanted, long now) {
    if (value == null
        || RecordCodec.isDeleted(value)
        || RecordCodec.expiresAtMicros(value) <= now) {
      return Optional.empty();
    }
    StoredRecord stored = RecordCodec.decode(value, group, wanted);
    Instant expiresAt =
        stored.expiresAtMicros() == StoredRecord.NEVER
            ? null
            : Instant.EPOCH.plus(stored.expiresAtMicros(), ChronoUnit.MICROS);
    return Optional.of(new OnlineRecord(stored.record(), expiresAt));
  }

  private long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
  }

  private record Lookup(
      String requestedGroup, String identifier, FeatureGroup group, boolean @Nullable [] wanted) {}
}
