package io.quiver.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Records as the command line shows and takes them: one JSON object of feature name to value, typed
 * by the group's definition (Integral and Fractional features as numbers, String as strings,
 * collections as arrays). Stateless.
 */
final class RecordJson {
  // Numbers keep their digits both ways: 1700000009.0 stays 1700000009.0.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private RecordJson() {}

  /** {@code record} as one line of JSON, its values typed by {@code group}'s features. */
  static String write(FeatureGroup group, Record record) {
    ObjectNode object = JSON.createObjectNode();
    for (FeatureValue value : record.values()) {
      FeatureType type =
          group
              .feature(value.featureName())
              .map(FeatureDefinition::type)
              .orElse(FeatureType.STRING);
      if (value.valueAsStringList() != null) {
        ArrayNode array = object.putArray(value.featureName());
        value.valueAsStringList().forEach(v -> array.add(typed(v, type)));
      } else {
        object.set(value.featureName(), typed(value.valueAsString(), type));
      }
    }
    try {
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a record as JSON", e);
    }
  }

  private static JsonNode typed(String text, FeatureType type) {
    if (type == FeatureType.STRING) {
      return JSON.getNodeFactory().textNode(text);
    }
    try {
      return JSON.getNodeFactory().numberNode(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  /**
   * The record a JSON object stands for: strings and numbers as they are written, arrays as
   * collection values, nulls left out.
   *
   * @throws ValidationException if the text is not a JSON object of such values
   */
  static Record read(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          "Cannot read the record: it is not valid JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "); expected an object such as {\"id\": \"c-42\", \"ts\": 1714564800.0}");
    }
    if (root == null || !root.isObject()) {
      throw new ValidationException(
          "Cannot read the record: it is not a JSON object (expected an object such as"
              + " {\"id\": \"c-42\", \"ts\": 1714564800.0})");
    }
    List<FeatureValue> values = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      if (value.isArray()) {
        List<String> elements = new ArrayList<>();
        for (JsonNode element : value) {
          elements.add(scalar(field.getKey(), element));
        }
        values.add(FeatureValue.ofList(field.getKey(), elements));
      } else {
        values.add(FeatureValue.of(field.getKey(), scalar(field.getKey(), value)));
      }
    }
    return new Record(values);
  }

  private static String scalar(String feature, JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().toString();
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    throw new ValidationException(
        "Cannot read the record: the value of '"
            + feature
            + "' is "
            + (value.isObject()
                ? "an object"
                : value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
            + " (expected: a string, a number, or an array of them)");
  }
}
