/**
 * Bulk import into feature groups: {@link io.quiver.wrangler.importer.Importer} reads an {@link
 * io.quiver.wrangler.source.ImportSource} in batches, checks every row against the group's record
 * rules before any of its batch is written, and hands it to a {@link
 * io.quiver.wrangler.importer.RecordSink} on a small pool of writer threads. Either sink goes
 * through the PutRecord path (latest event time wins online, every record appended offline, each
 * write atomic and durable): a local store's {@code QuiverStore.putRecords}, or a Quiver server's
 * PutRecords stream.
 *
 * <p>Priorities: never commit a row that breaks a rule, and never commit anything from a failing
 * batch onward when failing; say where a bad row is and which rule it broke; keep both cores busy.
 * Thread-safety is stated per type; value types are immutable.
 */
@NullMarked
package io.quiver.wrangler.importer;

import org.jspecify.annotations.NullMarked;
