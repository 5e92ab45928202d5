package io.quiver.storage;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.ingest.IngestTransform;
import io.quiver.storage.ingest.IngestTransformCompiler;
import io.quiver.storage.record.Record;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The compiled ingest transforms of a store's feature groups, by group id: compiled when a group is
 * created (so a transform that cannot run is refused then) and, for groups loaded from the catalog,
 * on their first write. Thread-safe.
 */
final class IngestTransforms {
  private final @Nullable IngestTransformCompiler compiler;
  private final Map<Long, IngestTransform> compiled = new ConcurrentHashMap<>();

  IngestTransforms(@Nullable IngestTransformCompiler compiler) {
    this.compiler = compiler;
  }

  /** The compiler registered on the class path ({@link ServiceLoader}), if any. */
  static Optional<IngestTransformCompiler> discover() {
    return ServiceLoader.load(IngestTransformCompiler.class).findFirst();
  }

  /**
   * Compiles the transform of a group about to be created, refusing it with the compiler's reason.
   *
   * @throws ValidationException if the transform cannot be compiled
   */
  IngestTransform check(FeatureGroupSpec spec) {
    return compiler(spec).compile(spec);
  }

  /** Remembers the transform compiled by {@link #check} for the created group. */
  void created(FeatureGroup group, IngestTransform transform) {
    compiled.put(group.id(), transform);
  }

  /** The record to store for {@code raw}: {@code raw} itself when the group has no transform. */
  Record apply(FeatureGroup group, Record raw) {
    if (group.spec().ingestTransform() == null) {
      return raw;
    }
    IngestTransform transform =
        compiled.computeIfAbsent(group.id(), id -> compiler(group.spec()).compile(group.spec()));
    return transform.apply(raw);
  }

  private IngestTransformCompiler compiler(FeatureGroupSpec spec) {
    if (compiler == null) {
      throw new ValidationException(
          "Cannot use the ingest transform of feature group "
              + spec.featureGroupName()
              + ": no ingest transform compiler is on the class path (add the quiver-wrangler module, which runs data flows)");
    }
    return compiler;
  }
}
