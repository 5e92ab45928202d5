package io.quiver.wrangler.export;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.record.Record;
import java.util.List;
import java.util.Optional;

/**
 * Where a flow's feature-group destination writes: a local {@link QuiverStore} ({@link #local}), or
 * a running Quiver server (the server module provides that one). Records go through PutRecord's
 * rules and write path either way. Implementations are thread-safe.
 */
public interface FeatureGroupTarget {

  /** The group named {@code name}, if it exists. */
  Optional<FeatureGroup> find(String name);

  /**
   * Creates a group.
   *
   * @throws io.quiver.storage.error.QuiverException if the definition breaks a rule or the name is
   *     taken
   */
  FeatureGroup create(FeatureGroupSpec spec);

  /**
   * Writes {@code records} in order, durably, each as one PutRecord.
   *
   * @throws io.quiver.storage.error.QuiverException at the first record refused
   */
  void write(String featureGroup, List<Record> records);

  /** A target writing into {@code store}, which the caller keeps owning. */
  static FeatureGroupTarget local(QuiverStore store) {
    return new FeatureGroupTarget() {
      @Override
      public Optional<FeatureGroup> find(String name) {
        try {
          return Optional.of(store.describeFeatureGroup(name));
        } catch (ResourceNotFoundException e) {
          return Optional.empty();
        }
      }

      @Override
      public FeatureGroup create(FeatureGroupSpec spec) {
        return store.createFeatureGroup(spec);
      }

      @Override
      public void write(String featureGroup, List<Record> records) {
        store.putRecords(featureGroup, records, RecordWriteOptions.defaults());
      }
    };
  }
}
