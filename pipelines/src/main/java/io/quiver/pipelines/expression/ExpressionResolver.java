package io.quiver.pipelines.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.quiver.clarify.bias.PythonFloatText;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Replaces every expression in a JSON value by its value in one {@link ExpressionContext}. Thread-
 * safe if the context is.
 */
public final class ExpressionResolver {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
          .mappingProvider(new JacksonMappingProvider(MAPPER))
          .options(Option.SUPPRESS_EXCEPTIONS)
          .build();

  private final ExpressionContext context;

  /** A resolver over {@code context}. */
  public ExpressionResolver(ExpressionContext context) {
    this.context = context;
  }

  /**
   * {@code value} with every expression replaced by its value; {@code value} itself is not changed.
   *
   * @throws ExpressionException if an expression cannot be evaluated
   */
  public JsonNode resolve(JsonNode value) {
    ExpressionForm form = ExpressionForm.of(value);
    if (form != null) {
      return evaluate(form, value.get(form.key()));
    }
    if (value.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), resolve(e.getValue()));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : value) {
        copy.add(resolve(element));
      }
      return copy;
    }
    return value;
  }

  private JsonNode evaluate(ExpressionForm form, JsonNode body) {
    return switch (form) {
      case GET -> get(parse(body));
      case JOIN -> join(body);
      case JSON_GET -> jsonGet(body);
    };
  }

  private static Reference parse(JsonNode body) {
    try {
      return Reference.parse(body.asText());
    } catch (IllegalArgumentException e) {
      throw new ExpressionException(e.getMessage());
    }
  }

  /** The value of {@code ref}. */
  public JsonNode get(Reference ref) {
    return switch (ref.kind()) {
      case PARAMETER -> context.parameter(ref.name());
      case EXECUTION -> context.executionVariable(ref.name());
      case EXPERIMENT -> context.experimentField(ref.name());
      case STEP -> {
        JsonNode properties = context.stepProperties(ref.name());
        JsonNode value = ref.path().select(properties);
        if (value == null) {
          throw new ExpressionException(
              "Cannot resolve Get '"
                  + ref.text()
                  + "': step '"
                  + ref.name()
                  + "' has no property "
                  + ref.path().text());
        }
        yield value;
      }
    };
  }

  private JsonNode join(JsonNode body) {
    String on = body.has("On") ? body.get("On").asText() : "";
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (JsonNode element : body.get("Values")) {
      if (!first) {
        out.append(on);
      }
      first = false;
      out.append(text(resolve(element)));
    }
    return TextNode.valueOf(out.toString());
  }

  /**
   * {@code value} as {@code Std:Join} writes it: strings as they are, integers in decimal, floats
   * as Python's {@code repr} spells them ({@code 3.0}, {@code 1e-05}), booleans {@code true}/{@code
   * false}, null {@code None}, objects and lists as JSON.
   */
  public static String text(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return PythonFloatText.of(value.doubleValue());
    }
    if (value.isBoolean()) {
      return value.asBoolean() ? "true" : "false";
    }
    if (value.isNull() || value.isMissingNode()) {
      return "None";
    }
    return value.toString();
  }

  private JsonNode jsonGet(JsonNode body) {
    String path = body.get("Path").asText();
    String uri;
    if (body.has("PropertyFile")) {
      JsonNode file = resolve(body.get("PropertyFile"));
      JsonNode location = file.get("S3Uri");
      if (location == null || !location.isTextual()) {
        throw new ExpressionException(
            "Cannot resolve Std:JsonGet: " + body.get("PropertyFile") + " is not a property file");
      }
      uri = location.asText();
    } else {
      uri = text(resolve(body.get("S3Uri")));
    }
    JsonNode document;
    try {
      document = MAPPER.readTree(context.readObject(uri));
    } catch (IOException e) {
      throw new ExpressionException(
          "Cannot resolve Std:JsonGet: " + uri + " is not JSON (" + e.getMessage() + ")");
    }
    JsonNode value;
    try {
      value = JsonPath.using(JSON_PATH).parse(document).read(path, JsonNode.class);
    } catch (InvalidPathException e) {
      throw new ExpressionException(
          "Cannot resolve Std:JsonGet: Path '"
              + path
              + "' is not a JSON path ("
              + e.getMessage()
              + ")");
    }
    if (value == null || value.isMissingNode() || value.isNull()) {
      throw new ExpressionException(
          "Cannot resolve Std:JsonGet: " + uri + " has no value at '" + path + "'");
    }
    return value;
  }
}
