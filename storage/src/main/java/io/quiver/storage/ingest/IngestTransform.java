package io.quiver.storage.ingest;

import io.quiver.storage.record.Record;

/**
 * A feature group's compiled ingest transform: turns a raw record, as a client wrote it, into the
 * record the group stores. PutRecord applies it before the record is validated against the group.
 * Implementations are immutable and thread-safe (every write of the group calls the same instance).
 */
@FunctionalInterface
public interface IngestTransform {

  /**
   * The record to store for {@code raw}.
   *
   * @throws io.quiver.storage.error.ValidationException if {@code raw} cannot be transformed (a
   *     value of the wrong type, a record a filter step drops); the message names the step
   */
  Record apply(Record raw);
}
