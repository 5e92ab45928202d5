/**
 * The write path's extension point for ingest transforms: a feature group may name a definition
 * that turns each raw record into the record it stores; storage calls an {@link
 * io.quiver.storage.ingest.IngestTransformCompiler} (implemented by the wrangler module for data
 * flows) to compile it and applies the result before validation, so storage knows no flows.
 *
 * <p>Priorities: a transform never runs partly (a record it refuses writes nothing); compiled
 * transforms are immutable and thread-safe.
 */
@NullMarked
package io.quiver.storage.ingest;

import org.jspecify.annotations.NullMarked;
