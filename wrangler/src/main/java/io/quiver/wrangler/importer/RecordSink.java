package io.quiver.wrangler.importer;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.record.Record;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Where an import's checked records go: a local store ({@link #local}) or, through the server
 * module's gRPC sink, a running Quiver server. Either way each record goes through the PutRecord
 * rules and write path. The importer does not close a sink: whoever opened it does.
 *
 * <p>Thread-safety: implementations are thread-safe; the importer's writer threads write batches
 * concurrently.
 */
public interface RecordSink {
  /**
   * The definition of {@code featureGroup}, which every record is checked against before it is
   * written.
   *
   * @throws io.quiver.storage.error.QuiverException if there is no such group ({@code
   *     ResourceNotFound}) or it cannot be described
   */
  FeatureGroup describe(String featureGroup);

  /**
   * Writes {@code batch} in order, each record as one PutRecord, and returns once all of it is
   * durable. {@code committed} hears how many more records are durable, as often as the sink knows.
   *
   * @throws io.quiver.storage.error.QuiverException at the first record refused or not written: the
   *     records before it that {@code committed} heard about stay written, nothing after it is
   *     written
   */
  void write(String featureGroup, List<Record> batch, LongConsumer committed);

  /**
   * How many batches the importer may write at once. A sink that commits one batch at a time in
   * order answers 1, so that a failure leaves exactly a prefix of the input written.
   */
  default int maxConcurrentWrites() {
    return Integer.MAX_VALUE;
  }

  /**
   * A sink writing into {@code store} with {@link QuiverStore#putRecords}; the caller keeps owning
   * the store.
   */
  static RecordSink local(QuiverStore store) {
    return new StoreRecordSink(store);
  }
}
