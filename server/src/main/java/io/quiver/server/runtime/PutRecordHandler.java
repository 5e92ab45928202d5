package io.quiver.server.runtime;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.EventExecutor;
import io.quiver.server.http.HttpReply;
import io.quiver.server.http.WriteAnswer;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordPut;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.TargetStore;
import io.quiver.storage.record.Record;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code PUT /FeatureGroup/{name}}: writes one record, on the event loop with the other puts of its
 * pass ({@link GroupCommit}) when the store can take it without waiting, else on a worker.
 * Thread-safe.
 */
final class PutRecordHandler {
  private final QuiverStore store;
  private final RuntimeCodec codec;
  // One group commit per event loop, each confined to its loop.
  private final Map<EventExecutor, GroupCommit> groups = new ConcurrentHashMap<>();

  PutRecordHandler(QuiverStore store, RuntimeCodec codec) {
    this.store = store;
    this.codec = codec;
  }

  HttpReply handle(FullHttpRequest request, String featureGroup) {
    RecordPut put = read(request, featureGroup);
    store.putRecord(featureGroup, put.record(), put.options());
    return HttpReply.empty(RuntimeCodec.CONTENT_TYPE);
  }

  /**
   * Reads the request and adds it to {@code loop}'s group commit, answered through {@code answer}.
   *
   * @throws io.quiver.storage.error.QuiverException if the body cannot be read (nothing is taken)
   */
  void handleGrouped(
      FullHttpRequest request, String featureGroup, EventExecutor loop, WriteAnswer answer) {
    RecordPut put = read(request, featureGroup);
    GroupCommit group = groups.get(loop);
    if (group == null) {
      group = groups.computeIfAbsent(loop, l -> new GroupCommit(store, l));
    }
    group.add(put, answer);
  }

  /**
   * The body's record and options: the common shape read straight from the parser's tokens,
   * anything else through the mapper (which also words every error).
   */
  private RecordPut read(FullHttpRequest request, String featureGroup) {
    PutRecordBodyParser.Body fast = PutRecordBodyParser.read(codec.parser(request));
    if (fast != null) {
      return new RecordPut(
          featureGroup,
          fast.record(),
          new RecordWriteOptions(targetStores(fast.targetStores()), null));
    }
    RuntimeJson.PutRecordBody body = codec.readBody(request, RuntimeJson.PutRecordBody.class);
    return new RecordPut(featureGroup, record(body), options(body));
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
