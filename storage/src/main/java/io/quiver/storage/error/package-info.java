/**
 * The one exception hierarchy of Quiver: every domain failure is a {@link
 * io.quiver.storage.error.QuiverException} whose {@link io.quiver.storage.error.ErrorCode} maps to
 * a SageMaker error code, so the server answers with the shape SDKs already parse.
 *
 * <p>All types here are immutable and thread-safe.
 */
@NullMarked
package io.quiver.storage.error;

import org.jspecify.annotations.NullMarked;
