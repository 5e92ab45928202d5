/**
 * SQL over the offline store and point-in-time datasets. Reserved for the query engine; it depends
 * on {@code storage} only.
 */
@NullMarked
package io.quiver.query;

import org.jspecify.annotations.NullMarked;
