/**
 * Where imported rows come from: CSV, JSON (lines or arrays), Parquet and ORC files, local or on
 * S3, and JDBC queries, each read as a stream of {@link io.quiver.wrangler.source.SourceRow}s that
 * carry typed values and a position (file and line, or row number) for error messages.
 *
 * <p>Priorities: stream, never load a whole input into memory; keep every value exactly as the
 * input wrote it (text stays text, a double stays that double); say where a bad row is. Sources are
 * single-threaded: one reader thread per source. Value types are immutable.
 */
@NullMarked
package io.quiver.wrangler.source;

import org.jspecify.annotations.NullMarked;
