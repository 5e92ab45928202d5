package io.quiver.clarify.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.query.csv.CsvReader;
import io.quiver.storage.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes the {@code data} of a captured request, response or label: {@code encoding} {@code CSV},
 * {@code JSON} or {@code BASE64} (then read by its {@code observedContentType}). Stateless.
 */
final class CapturePayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CapturePayload() {}

  /**
   * Adds the input's fields to {@code row}: CSV fields by header, or a flat JSON object's members.
   */
  static void fields(JsonNode payload, List<String> headers, Map<String, String> row) {
    String text = text(payload);
    if (isJson(payload, text)) {
      JsonNode object = parse(text);
      if (!object.isObject()) {
        throw new ValidationException(
            "Cannot read a captured request: "
                + abbreviate(text)
                + " (expected: a flat JSON object)");
      }
      object.properties().forEach(e -> row.put(e.getKey(), scalar(e.getValue())));
      return;
    }
    String[] fields = csv(text);
    for (int i = 0; i < fields.length; i++) {
      row.put(i < headers.size() ? headers.get(i) : "_c" + i, fields[i]);
    }
  }

  /** The prediction: the first CSV field, a JSON number, or the JSON member {@code name}. */
  static String prediction(JsonNode payload, String name) {
    String text = text(payload);
    if (isJson(payload, text)) {
      JsonNode value = parse(text);
      if (value.isObject()) {
        if (!value.has(name)) {
          throw new ValidationException(
              "Cannot read the prediction '"
                  + name
                  + "' from a captured response: "
                  + abbreviate(text)
                  + " (expected: a member named "
                  + name
                  + ")");
        }
        return scalar(value.get(name));
      }
      return scalar(value.isArray() && !value.isEmpty() ? value.get(0) : value);
    }
    String[] fields = csv(text);
    return fields.length == 0 ? "" : fields[0];
  }

  /** The decoded text of {@code payload}'s {@code data}. */
  static String text(JsonNode payload) {
    String data = payload.path("data").asText("");
    if ("BASE64".equals(payload.path("encoding").asText())) {
      try {
        return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ValidationException(
            "Cannot decode captured data: " + abbreviate(data) + " (expected: Base64)");
      }
    }
    return data.strip();
  }

  private static boolean isJson(JsonNode payload, String text) {
    String encoding = payload.path("encoding").asText("");
    String type = payload.path("observedContentType").asText("").toLowerCase(Locale.ROOT);
    return encoding.equals("JSON") || type.contains("json") || text.startsWith("{");
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new ValidationException(
          "Cannot read captured data: " + abbreviate(text) + " (expected: JSON)");
    }
  }

  private static String[] csv(String text) {
    try (CsvReader csv =
        CsvReader.openWithoutHeader(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "captured data")) {
      String[] cells = csv.next();
      return cells == null ? new String[0] : cells;
    } catch (UncheckedIOException e) {
      throw new ValidationException(
          "Cannot read captured data: " + abbreviate(text) + " (expected: one CSV line)");
    }
  }

  private static String scalar(JsonNode value) {
    return value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? "'" + text + "'" : "'" + text.substring(0, 77) + "...'";
  }
}
