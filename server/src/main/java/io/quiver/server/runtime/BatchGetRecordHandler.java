package io.quiver.server.runtime;

import io.netty.handler.codec.http.FullHttpRequest;
import io.quiver.server.http.HttpReply;
import io.quiver.storage.BatchGetRequest;
import io.quiver.storage.BatchGetResult;
import io.quiver.storage.QuiverStore;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /BatchGetRecord}: reads up to 100 records across up to 10 groups. Stateless. */
final class BatchGetRecordHandler {
  private final QuiverStore store;
  private final RuntimeCodec codec;

  BatchGetRecordHandler(QuiverStore store, RuntimeCodec codec) {
    this.store = store;
    this.codec = codec;
  }

  HttpReply handle(FullHttpRequest request) {
    RuntimeJson.BatchGetRecordBody body =
        codec.readBody(request, RuntimeJson.BatchGetRecordBody.class);
    boolean withExpiry = RuntimeCodec.expirationEnabled(body.expirationTimeResponse());
    List<BatchGetRequest> requests = new ArrayList<>();
    for (RuntimeJson.IdentifierJson identifier :
        RuntimeJson.required(body.identifiers(), "identifiers")) {
      RuntimeJson.required(identifier, "identifiers.member");
      requests.add(
          new BatchGetRequest(
              RuntimeJson.required(
                  identifier.featureGroupName(), "identifiers.member.featureGroupName"),
              RuntimeJson.required(
                  identifier.recordIdentifiersValueAsString(),
                  "identifiers.member.recordIdentifiersValueAsString"),
              identifier.featureNames()));
    }
    BatchGetResult result = store.batchGetRecord(requests);
    List<RuntimeJson.ResultDetailJson> records = new ArrayList<>(result.records().size());
    for (BatchGetResult.Found found : result.records()) {
      String expiresAt =
          withExpiry && found.expiresAt() != null ? found.expiresAt().toString() : null;
      records.add(
          new RuntimeJson.ResultDetailJson(
              found.featureGroupName(),
              found.recordIdentifier(),
              RuntimeJson.fromRecord(found.record()),
              expiresAt));
    }
    List<RuntimeJson.ErrorJson> errors = new ArrayList<>(result.errors().size());
    for (BatchGetResult.Failure failure : result.errors()) {
      errors.add(
          new RuntimeJson.ErrorJson(
              failure.featureGroupName(),
              failure.recordIdentifier(),
              failure.errorCode().runtimeCode(),
              failure.errorMessage()));
    }
    List<RuntimeJson.IdentifierJson> unprocessed = new ArrayList<>();
    for (BatchGetRequest entry : result.unprocessed()) {
      unprocessed.add(
          new RuntimeJson.IdentifierJson(
              entry.featureGroupName(), entry.recordIdentifiers(), entry.featureNames()));
    }
    return codec.ok(new RuntimeJson.BatchGetRecordResponse(records, errors, unprocessed));
  }
}
