package io.quiver.wrangler.analyze.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.error.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes the baseline files as JSON trees; shared by the three file types. */
final class BaselineJson {
  /** Files larger than this are refused rather than read into memory. */
  static final long MAX_FILE_BYTES = 64L << 20;

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BaselineJson() {}

  static void write(ObjectNode root, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, MAPPER.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static JsonNode read(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ValidationException(
            "Cannot read " + file + ": larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
      }
      return MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new ValidationException("Cannot read " + file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          "Cannot read " + file + ": not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Puts a number, or null for NaN and infinities (JSON has neither). */
  static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isNumber() ? Double.NaN : value.asDouble();
  }

  static String text(JsonNode node, String field, Path file) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new ValidationException(
          "Cannot read " + file + ": '" + field + "' is missing or not text in " + node);
    }
    return value.asText();
  }
}
