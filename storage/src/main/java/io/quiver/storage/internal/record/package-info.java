/**
 * The binary encoding of a record as the online store and the staging log hold it (specified in
 * {@code docs/format/record.md}, pinned by golden files).
 *
 * <p>Internal to storage: other modules go through {@code QuiverStore} (benchmarks alone may use
 * it, to build their baselines from the same parts).
 */
@NullMarked
package io.quiver.storage.internal.record;

import org.jspecify.annotations.NullMarked;
