package io.quiver.wrangler.importer;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.PutRecordsResult;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.record.Record;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A {@link RecordSink} over a local {@link QuiverStore}: each batch is one {@link
 * QuiverStore#tryPutRecords} (one durable write), reported when it commits, the records before a
 * refused one included. Thread-safe.
 */
final class StoreRecordSink implements RecordSink {
  private final QuiverStore store;

  StoreRecordSink(QuiverStore store) {
    this.store = requireNonNull(store, "store");
  }

  @Override
  public FeatureGroup describe(String featureGroup) {
    return store.describeFeatureGroup(featureGroup);
  }

  @Override
  public void write(String featureGroup, List<Record> batch, LongConsumer committed) {
    PutRecordsResult result =
        store.tryPutRecords(featureGroup, batch, RecordWriteOptions.defaults());
    committed.accept(result.written());
    if (result.refused() != null) {
      throw result.refused();
    }
  }
}
