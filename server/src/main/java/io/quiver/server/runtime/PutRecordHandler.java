package io.quiver.server.runtime;

import io.netty.handler.codec.http.FullHttpRequest;
import io.quiver.server.http.HttpReply;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.TargetStore;
import io.quiver.storage.record.Record;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code PUT /FeatureGroup/{name}}: writes one record, on the event loop when the store can take it
 * without waiting, else on a worker. Stateless.
 */
final class PutRecordHandler {
  private final QuiverStore store;
  private final RuntimeCodec codec;

  PutRecordHandler(QuiverStore store, RuntimeCodec codec) {
    this.store = store;
    this.codec = codec;
  }

  HttpReply handle(FullHttpRequest request, String featureGroup) {
    RuntimeJson.PutRecordBody body = codec.readBody(request, RuntimeJson.PutRecordBody.class);
    store.putRecord(featureGroup, record(body), options(body));
    return HttpReply.empty(RuntimeCodec.CONTENT_TYPE);
  }

  /**
   * As {@link #handle}, or {@code null} if the store would make the write wait (nothing written).
   */
  @Nullable HttpReply handleWithoutWaiting(FullHttpRequest request, String featureGroup) {
    RuntimeJson.PutRecordBody body = codec.readBody(request, RuntimeJson.PutRecordBody.class);
    return store.tryPutRecord(featureGroup, record(body), options(body))
        ? HttpReply.empty(RuntimeCodec.CONTENT_TYPE)
        : null;
  }

  private static Record record(RuntimeJson.PutRecordBody body) {
    return RuntimeJson.toRecord(RuntimeJson.required(body.record(), "record"));
  }

  private static RecordWriteOptions options(RuntimeJson.PutRecordBody body) {
    return new RecordWriteOptions(
        targetStores(body.targetStores()), RuntimeJson.toTtl(body.ttlDuration()));
  }

  /** Parses {@code TargetStores}; absent means every store of the group. */
  static Set<TargetStore> targetStores(@Nullable List<String> names) {
    if (names == null) {
      return Set.of();
    }
    if (names.isEmpty()) {
      throw new io.quiver.storage.error.ValidationException(
          "Cannot accept TargetStores: the list is empty (expected: OnlineStore, OfflineStore or both)");
    }
    Set<TargetStore> stores = EnumSet.noneOf(TargetStore.class);
    for (String name : names) {
      if (!stores.add(TargetStore.fromWireName(name))) {
        throw new io.quiver.storage.error.ValidationException(
            "Cannot accept TargetStores: '" + name + "' appears twice");
      }
    }
    return stores;
  }
}
