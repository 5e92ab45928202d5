package io.quiver.server.runtime;

import io.netty.handler.codec.http.FullHttpRequest;
import io.quiver.server.http.HttpReply;
import io.quiver.storage.DeletionMode;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import java.util.List;
import java.util.Map;

/**
 * {@code DELETE /FeatureGroup/{name}?RecordIdentifierValueAsString=..&EventTime=..}: deletes a
 * record (soft by default). Stateless.
 */
final class DeleteRecordHandler {
  private final QuiverStore store;

  DeleteRecordHandler(QuiverStore store) {
    this.store = store;
  }

  HttpReply handle(FullHttpRequest request, String featureGroup) {
    Map<String, List<String>> query = RuntimeCodec.query(request);
    String identifier = RuntimeCodec.requiredParameter(query, "RecordIdentifierValueAsString");
    String eventTime = RuntimeCodec.requiredParameter(query, "EventTime");
    String mode = RuntimeCodec.single(query, "DeletionMode");
    DeletionMode deletionMode =
        mode == null ? DeletionMode.SOFT_DELETE : DeletionMode.fromWireName(mode);
    RecordWriteOptions options =
        new RecordWriteOptions(PutRecordHandler.targetStores(query.get("TargetStores")), null);
    store.deleteRecord(featureGroup, identifier, eventTime, deletionMode, options);
    return HttpReply.empty(RuntimeCodec.CONTENT_TYPE);
  }
}
