package io.quiver.storage.ingest;

import io.quiver.storage.catalog.FeatureGroupSpec;

/**
 * Turns the {@linkplain io.quiver.storage.catalog.IngestTransformConfig ingest transform} a feature
 * group names into an {@link IngestTransform}. Storage defines this interface and knows nothing of
 * what a definition means; Quiver's wrangler module implements it for data flows and registers it
 * as a {@link java.util.ServiceLoader} service, which {@link io.quiver.storage.QuiverStore#open}
 * finds on the class path. Implementations are thread-safe.
 */
public interface IngestTransformCompiler {

  /**
   * Checks and compiles the ingest transform of a group about to be created, or of a group opened
   * from the catalog.
   *
   * @param spec the group's definition; its {@code ingestTransform()} is not null
   * @throws io.quiver.storage.error.ValidationException if the definition is malformed, cannot run
   *     on one record at a time, or does not produce the group's features; the message says why
   */
  IngestTransform compile(FeatureGroupSpec spec);
}
