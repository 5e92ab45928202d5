/**
 * Feature group definitions as SageMaker's CreateFeatureGroup describes them, and the stored groups
 * the catalog ({@code io.quiver.storage.internal.catalog}) hands out.
 *
 * <p>Priorities: a definition never changes except by added features. Values are immutable.
 */
@NullMarked
package io.quiver.storage.catalog;

import org.jspecify.annotations.NullMarked;
