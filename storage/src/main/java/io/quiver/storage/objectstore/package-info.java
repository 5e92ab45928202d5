/**
 * Base locations of offline stores: a local folder or an S3 bucket (or any S3-compatible store),
 * behind one small contract: put a whole object atomically, list the objects under a folder, read
 * one back.
 *
 * <p>Priorities: an object is complete or invisible (local: temporary file, fsync, atomic rename;
 * S3: a single PutObject); no partial object is ever listed under its final name. Implementations
 * are thread-safe.
 */
@NullMarked
package io.quiver.storage.objectstore;

import org.jspecify.annotations.NullMarked;
