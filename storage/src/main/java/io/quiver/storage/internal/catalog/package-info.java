/**
 * The catalog of feature groups: their durable home in RocksDB, its versioned on-disk entry ({@code
 * docs/format/catalog.md}), and the rules of SageMaker's control plane a definition must pass, each
 * failure named by the rule it broke.
 *
 * <p>Priorities: a definition never changes except by added features; every rule is enforced with a
 * message naming it. {@link io.quiver.storage.internal.catalog.Catalog} is thread-safe.
 *
 * <p>Internal to storage: other modules go through {@code QuiverStore}.
 */
@NullMarked
package io.quiver.storage.internal.catalog;

import org.jspecify.annotations.NullMarked;
