/**
 * The catalog of feature groups: their definitions (as SageMaker's CreateFeatureGroup describes
 * them), the validation rules a definition must pass, and their durable home in RocksDB.
 *
 * <p>Priorities: a definition never changes except by added features; every rule of SageMaker's
 * control plane is enforced with a message naming the rule. Values are immutable records; {@link
 * io.quiver.storage.catalog.Catalog} is thread-safe.
 */
@NullMarked
package io.quiver.storage.catalog;

import org.jspecify.annotations.NullMarked;
