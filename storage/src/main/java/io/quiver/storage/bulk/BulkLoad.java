package io.quiver.storage.bulk;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.catalog.FeatureGroup;
import java.util.List;

/**
 * A bulk load into one feature group, opened with {@link io.quiver.storage.QuiverStore#bulkLoad}:
 * rows are added as batches of text columns, checked by the PutRecord rules as they arrive, and
 * written at once by {@link #commit}. The result is what PutRecords of the same rows in the same
 * order would leave: online, the record with the greatest event time per identifier (the first of
 * equals); offline, every row once. Nothing is visible before the commit, and a load that does not
 * commit (a failure, a crash, {@link #close} before {@link #commit}) leaves nothing behind once the
 * store is open again.
 *
 * <pre>{@code
 * try (BulkLoad load = store.bulkLoad("orders")) {
 *   List<RejectedRow> refused = load.add(0, columns, batch); // from any thread
 *   BulkLoadSummary summary = load.commit(BulkProgress.silent());
 * }
 * }</pre>
 *
 * <p>Thread-safety: {@link #add} may be called concurrently; {@link #commit} and {@link #close}
 * once each, after every {@link #add} returned.
 */
public interface BulkLoad extends AutoCloseable {

  /** The group being loaded. */
  FeatureGroup group();

  /**
   * Checks the rows of {@code batch} and keeps the valid ones for the commit.
   *
   * @param ordinal the batch's place in the input: rows of a lower ordinal come first, which
   *     decides between records of one identifier with equal event times; unique per load
   * @param columns the column names, one per vector of {@code batch}: features of the group (a
   *     column that is not one makes every row with a value in it invalid, as in PutRecord)
   * @param batch STRING vectors of the values' text, {@link
   *     io.quiver.storage.batch.ColumnVector#utf8 UTF-8} or plain, null where a row has no value
   * @return the rows that break a rule, in row order, each with the error PutRecord gives; they are
   *     left out
   * @throws IllegalArgumentException if the ordinal was used before or the batch does not match the
   *     columns
   * @throws IllegalStateException if the load was committed or closed
   */
  List<RejectedRow> add(long ordinal, List<String> columns, ColumnBatch batch);

  /**
   * Writes every row added: the offline files, then the online store. Returns once both are
   * durable; if it throws, nothing of the load is visible (or, after a crash, will be once the
   * store is open again).
   *
   * @param progress told about each step as it advances, from the committing thread and the
   *     writers'
   * @throws io.quiver.storage.error.ResourceInUseException if records were written to the group's
   *     online store while the load ran (nothing was loaded; load again, through PutRecord)
   * @throws io.quiver.storage.error.StorageException if a file or the online store cannot be
   *     written (nothing was loaded)
   * @throws IllegalStateException if the load was committed or closed
   */
  BulkLoadSummary commit(BulkProgress progress);

  /** Abandons the load if it did not commit, releasing the rows held; idempotent. */
  @Override
  void close();
}
