package io.quiver.server.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.FullHttpRequest;
import io.quiver.server.http.HttpReply;
import io.quiver.server.http.JsonBodyReader;
import io.quiver.server.http.RequestTarget;
import io.quiver.storage.error.ValidationException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads runtime request bodies and query strings, writes response bodies. Thread-safe. */
final class RuntimeCodec {
  static final String CONTENT_TYPE = "application/json";

  private final ObjectMapper mapper;
  private final JsonBodyReader bodies;

  RuntimeCodec(ObjectMapper mapper) {
    this.mapper = mapper;
    this.bodies = new JsonBodyReader(mapper);
  }

  <T> T readBody(FullHttpRequest request, Class<T> type) {
    return bodies.read(request.content(), type);
  }

  /**
   * A streaming parser over the body, for a hand-written reader of a common shape.
   *
   * @throws ValidationException if the body is empty or not UTF-8, as {@link #readBody} would
   */
  JsonParser parser(FullHttpRequest request) {
    return bodies.parser(request.content());
  }

  HttpReply ok(Object body) {
    try {
      return HttpReply.ok(CONTENT_TYPE, mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot encode " + body.getClass().getSimpleName(), e);
    }
  }

  byte[] write(Object body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot encode " + body.getClass().getSimpleName(), e);
    }
  }

  static Map<String, List<String>> query(FullHttpRequest request) {
    return RequestTarget.parse(request.uri()).parameters();
  }

  static @Nullable String single(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  static String requiredParameter(Map<String, List<String>> query, String name) {
    String value = single(query, name);
    if (value == null) {
      throw new ValidationException(
          "1 validation error detected: Value null at '"
              + name
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  /** Whether {@code ExpirationTimeResponse} asks for {@code ExpiresAt}. */
  static boolean expirationEnabled(@Nullable String value) {
    if (value == null || value.equals("Disabled")) {
      return false;
    }
    if (value.equals("Enabled")) {
      return true;
    }
    throw new ValidationException(
        "Cannot accept ExpirationTimeResponse '"
            + value
            + "': allowed values are Enabled, Disabled");
  }
}
