package io.quiver.storage.internal.staging;

/**
 * Told about every entry added to a {@link StagingLog} write batch, before the batch commits (a
 * batch that then fails still counts, so sizes are estimates). Implementations must be thread-safe
 * and cheap: they run on the writer's thread, under the record's lock.
 */
@FunctionalInterface
public interface StagingListener {
  /** An entry of {@code bytes} (key and value) was added to a batch. */
  void staged(int bytes);
}
