package io.quiver.server.runtime;

import io.netty.handler.codec.http.FullHttpRequest;
import io.quiver.server.http.HttpReply;
import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /FeatureGroup/{name}?RecordIdentifierValueAsString=..&FeatureName=..}: reads the
 * latest online record; an absent record is a 200 with no {@code Record} member. Stateless.
 */
final class GetRecordHandler {
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private final QuiverStore store;
  private final RecordJsonWriter writer;

  GetRecordHandler(QuiverStore store, RecordJsonWriter writer) {
    this.store = store;
    this.writer = writer;
  }

  HttpReply handle(FullHttpRequest request, String featureGroup) {
    Map<String, List<String>> query = RuntimeCodec.query(request);
    String identifier = RuntimeCodec.requiredParameter(query, "RecordIdentifierValueAsString");
    List<String> featureNames = query.get("FeatureName");
    boolean withExpiry =
        RuntimeCodec.expirationEnabled(RuntimeCodec.single(query, "ExpirationTimeResponse"));
    Optional<OnlineRecord> found = store.getRecord(featureGroup, identifier, featureNames);
    if (found.isEmpty()) {
      return HttpReply.ok(RuntimeCodec.CONTENT_TYPE, EMPTY_OBJECT);
    }
    OnlineRecord record = found.get();
    return HttpReply.ok(
        RuntimeCodec.CONTENT_TYPE,
        writer.getRecordResponse(record.record(), withExpiry ? record.expiresAt() : null));
  }
}
