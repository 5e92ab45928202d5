package io.quiver.server.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.EventExecutor;
import io.quiver.server.config.Operation;
import io.quiver.server.http.HttpApi;
import io.quiver.server.http.HttpReply;
import io.quiver.server.http.RequestTarget;
import io.quiver.server.http.WriteAnswer;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Feature Store runtime API: routes by method and path, and encodes errors as both SDKs parse
 * them. Thread-safe.
 *
 * <p>Error quirk kept from the real service (sagemaker-python-sdk issue 2606): only GetRecord
 * models {@code ResourceNotFound}; PutRecord, DeleteRecord and BatchGetRecord report a missing
 * feature group as {@code ValidationError} (400) with the same message.
 */
public final class RuntimeApi implements HttpApi {
  private static final String GROUP_PREFIX = "/FeatureGroup/";
  private static final String BATCH_GET_PATH = "/BatchGetRecord";

  private final RuntimeCodec codec;
  private final PutRecordHandler putRecord;
  private final GetRecordHandler getRecord;
  private final BatchGetRecordHandler batchGetRecord;
  private final DeleteRecordHandler deleteRecord;

  /** Serves {@code store}, encoding JSON with {@code mapper}. */
  public RuntimeApi(QuiverStore store, ObjectMapper mapper) {
    this.codec = new RuntimeCodec(mapper);
    this.putRecord = new PutRecordHandler(store, codec);
    this.getRecord = new GetRecordHandler(store, new RecordJsonWriter(mapper.getFactory()));
    this.batchGetRecord = new BatchGetRecordHandler(store, codec);
    this.deleteRecord = new DeleteRecordHandler(store);
  }

  @Override
  public boolean claims(HttpRequest request) {
    if (request.headers().contains("X-Amz-Target")) {
      return false;
    }
    String uri = request.uri();
    return uri.startsWith(GROUP_PREFIX) || uri.startsWith(BATCH_GET_PATH);
  }

  @Override
  public @Nullable Operation operationOf(HttpRequest request) {
    String path = rawPath(request.uri());
    HttpMethod method = request.method();
    if (path.equals(BATCH_GET_PATH)) {
      return method == HttpMethod.POST ? Operation.BatchGetRecord : null;
    }
    if (!path.startsWith(GROUP_PREFIX)
        || path.indexOf('/', GROUP_PREFIX.length()) >= 0
        || path.length() == GROUP_PREFIX.length()) {
      return null;
    }
    if (method == HttpMethod.PUT) {
      return Operation.PutRecord;
    }
    if (method == HttpMethod.GET) {
      return Operation.GetRecord;
    }
    if (method == HttpMethod.DELETE) {
      return Operation.DeleteRecord;
    }
    return null;
  }

  @Override
  public HttpReply invoke(Operation operation, FullHttpRequest request) {
    return switch (operation) {
      case PutRecord -> putRecord.handle(request, featureGroupOf(request));
      case GetRecord -> getRecord.handle(request, featureGroupOf(request));
      case DeleteRecord -> deleteRecord.handle(request, featureGroupOf(request));
      case BatchGetRecord -> batchGetRecord.handle(request);
      default ->
          throw new IllegalArgumentException(
              "operation: " + operation + " (expected: a runtime operation)");
    };
  }

  @Override
  public boolean invokeGrouped(
      Operation operation, FullHttpRequest request, EventExecutor loop, WriteAnswer answer) {
    if (operation != Operation.PutRecord) {
      return false;
    }
    putRecord.handleGrouped(request, featureGroupOf(request), loop, answer);
    return true;
  }

  /**
   * The feature group name or ARN: the single raw path segment after {@code /FeatureGroup/},
   * percent-decoded once (SDKs encode an ARN's {@code :} and {@code /}); never split after
   * decoding.
   */
  static String featureGroupOf(HttpRequest request) {
    String segment = rawPath(request.uri()).substring(GROUP_PREFIX.length());
    return RequestTarget.decode(segment, false, "feature group name in the path");
  }

  private static String rawPath(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  @Override
  public HttpReply error(@Nullable Operation operation, QuiverException failure) {
    ErrorCode code = failure.code();
    String type = code.runtimeCode();
    int status = code.httpStatus();
    if (code == ErrorCode.RESOURCE_NOT_FOUND && operation != Operation.GetRecord) {
      type = ErrorCode.VALIDATION.runtimeCode();
      status = ErrorCode.VALIDATION.httpStatus();
    }
    String message = failure.getMessage() == null ? type : failure.getMessage();
    return errorReply(HttpResponseStatus.valueOf(status), type, message);
  }

  @Override
  public HttpReply unknownOperation(HttpRequest request) {
    return errorReply(
        HttpResponseStatus.NOT_FOUND,
        "UnknownOperationException",
        "No runtime operation answers " + request.method() + " " + rawPath(request.uri()));
  }

  private HttpReply errorReply(HttpResponseStatus status, String type, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("__type", type);
    body.put("message", message);
    return new HttpReply(status, RuntimeCodec.CONTENT_TYPE, codec.write(body), type, type);
  }
}
