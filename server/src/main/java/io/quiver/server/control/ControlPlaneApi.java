package io.quiver.server.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quiver.clarify.monitor.schedule.MonitoringService;
import io.quiver.pipelines.execution.PipelineEngine;
import io.quiver.server.Operation;
import io.quiver.server.http.HttpApi;
import io.quiver.server.http.HttpReply;
import io.quiver.server.http.JsonBodyReader;
import io.quiver.server.http.SageMakerJson;
import io.quiver.server.limits.CreationLimit;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The SageMaker control plane for feature groups over JSON 1.1: {@code POST /} with {@code
 * X-Amz-Target: SageMaker.<Operation>}. Thread-safe.
 */
public final class ControlPlaneApi implements HttpApi {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final String TARGET_PREFIX = "SageMaker.";
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private final ObjectMapper mapper;
  private final JsonBodyReader bodies;
  private final EnumMap<Operation, ControlHandler<?>> handlers = new EnumMap<>(Operation.class);

  /** Serves {@code store}, with at most {@code creations} concurrent CreateFeatureGroup calls. */
  public ControlPlaneApi(QuiverStore store, ObjectMapper mapper, CreationLimit creations) {
    this(store, null, mapper, creations);
  }

  /**
   * Serves {@code store} and, if not {@code null}, the pipelines and model registry of {@code
   * pipelines}.
   */
  public ControlPlaneApi(
      QuiverStore store,
      @Nullable PipelineEngine pipelines,
      ObjectMapper mapper,
      CreationLimit creations) {
    this(store, pipelines, null, mapper, creations);
  }

  /**
   * Serves {@code store} and, if not {@code null}, the pipelines and model registry of {@code
   * pipelines} and the monitoring schedules of {@code monitoring}.
   */
  public ControlPlaneApi(
      QuiverStore store,
      @Nullable PipelineEngine pipelines,
      @Nullable MonitoringService monitoring,
      ObjectMapper mapper,
      CreationLimit creations) {
    this.mapper = mapper;
    this.bodies = new JsonBodyReader(mapper);
    handlers.put(Operation.CreateFeatureGroup, new CreateFeatureGroupHandler(store, creations));
    handlers.put(Operation.DescribeFeatureGroup, new DescribeFeatureGroupHandler(store));
    handlers.put(Operation.ListFeatureGroups, new ListFeatureGroupsHandler(store));
    handlers.put(Operation.DeleteFeatureGroup, new DeleteFeatureGroupHandler(store));
    handlers.put(Operation.UpdateFeatureGroup, new UpdateFeatureGroupHandler(store));
    handlers.put(Operation.DescribeFeatureMetadata, new DescribeFeatureMetadataHandler(store));
    handlers.put(Operation.UpdateFeatureMetadata, new UpdateFeatureMetadataHandler(store));
    handlers.put(Operation.Search, new SearchHandler(store, mapper));
    handlers.put(Operation.AddTags, new TagHandlers.Add(store));
    handlers.put(Operation.ListTags, new TagHandlers.ListAll(store));
    handlers.put(Operation.DeleteTags, new TagHandlers.Delete(store));
    if (pipelines != null) {
      PipelineOperations.register(handlers, pipelines);
      ModelRegistryOperations.register(handlers, pipelines.registry());
    }
    if (monitoring != null) {
      MonitoringOperations.register(handlers, monitoring);
    }
  }

  /**
   * {@code group} as DescribeFeatureGroup answers it, indented JSON with SageMaker's member names,
   * for tools that show a group the way {@code aws sagemaker describe-feature-group} does.
   */
  public static String describeJson(FeatureGroup group) {
    try {
      return SageMakerJson.newMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValueAsString(FeatureGroupCodec.describe(group));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write feature group " + group.name() + " as JSON", e);
    }
  }

  @Override
  public boolean claims(HttpRequest request) {
    return request.headers().contains("X-Amz-Target");
  }

  @Override
  public @Nullable Operation operationOf(HttpRequest request) {
    String target = request.headers().get("X-Amz-Target", "");
    if (request.method() != HttpMethod.POST || !target.startsWith(TARGET_PREFIX)) {
      return null;
    }
    try {
      Operation operation = Operation.valueOf(target.substring(TARGET_PREFIX.length()));
      return handlers.containsKey(operation) ? operation : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public HttpReply invoke(Operation operation, FullHttpRequest request) {
    ControlHandler<?> handler = handlers.get(operation);
    if (handler == null) {
      throw new IllegalArgumentException(
          "operation: " + operation + " (expected: a control-plane operation)");
    }
    Object response = run(handler, request);
    try {
      return HttpReply.ok(
          CONTENT_TYPE, response == null ? EMPTY_OBJECT : mapper.writeValueAsBytes(response));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot encode the response of " + operation, e);
    }
  }

  private <I> @Nullable Object run(ControlHandler<I> handler, FullHttpRequest request) {
    return handler.handle(read(request, handler.requestType()));
  }

  private <I> I read(FullHttpRequest request, Class<I> type) {
    return bodies.read(request.content(), type);
  }

  @Override
  public HttpReply error(@Nullable Operation operation, QuiverException failure) {
    ErrorCode code = failure.code();
    HttpResponseStatus status =
        switch (code) {
          case INTERNAL_FAILURE -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
          case ACCESS_FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
          case SERVICE_UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
          default -> HttpResponseStatus.BAD_REQUEST;
        };
    return errorReply(
        status,
        code.controlPlaneCode(),
        failure.getMessage() == null ? code.controlPlaneCode() : failure.getMessage());
  }

  @Override
  public HttpReply unknownOperation(HttpRequest request) {
    return errorReply(
        HttpResponseStatus.BAD_REQUEST,
        "UnknownOperationException",
        "Quiver does not serve " + request.headers().get("X-Amz-Target", "(no X-Amz-Target)"));
  }

  private HttpReply errorReply(HttpResponseStatus status, String type, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("__type", type);
    body.put("Message", message);
    try {
      return new HttpReply(status, CONTENT_TYPE, mapper.writeValueAsBytes(body), null, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot encode an error body", e);
    }
  }
}
