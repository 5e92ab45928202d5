package io.quiver.server.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the common PutRecord body straight from the parser's tokens into a {@link Record}: a {@code
 * Record} list of features with {@code ValueAsString} or {@code ValueAsStringList}, and optionally
 * {@code TargetStores}. Anything else (a {@code TtlDuration}, an unknown member, a wrong type, a
 * null, a string with a lone surrogate, a syntax error) gives {@code null}, for the caller to read
 * the body through the mapper, whose answer (the value, or the error message) is then the one the
 * client gets: the fast path accepts only bodies the mapper reads to the same values. Stateless.
 */
final class PutRecordBodyParser {
  private PutRecordBodyParser() {}

  /** A body read by {@link #read}. */
  record Body(Record record, @Nullable List<String> targetStores) {}

  /** The body, or {@code null} if it is not of the common shape or not well-formed. */
  static @Nullable Body read(JsonParser parser) {
    // Every member this reader accepts is refused here when repeated (the body then goes to the
    // mapper, which words the error), so the parser's own duplicate detection, a set per object,
    // would only allocate.
    parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    try (parser) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Record record = null;
      List<String> targetStores = null;
      String member;
      while ((member = parser.nextFieldName()) != null) {
        switch (member) {
          case "Record" -> {
            if (record != null) {
              return null;
            }
            record = record(parser);
            if (record == null) {
              return null;
            }
          }
          case "TargetStores" -> {
            if (targetStores != null || parser.nextToken() != JsonToken.START_ARRAY) {
              return null;
            }
            targetStores = strings(parser);
            if (targetStores == null) {
              return null;
            }
          }
          default -> {
            return null;
          }
        }
      }
      if (!parser.hasToken(JsonToken.END_OBJECT) || parser.nextToken() != null || record == null) {
        return null;
      }
      return new Body(record, targetStores);
    } catch (IOException e) {
      return null; // a syntax error: the mapper reads the body again and words it
    }
  }

  /** The {@code Record} list, the parser on the member's name; null if not of the common shape. */
  private static @Nullable Record record(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_ARRAY) {
      return null;
    }
    List<FeatureValue> values = new ArrayList<>();
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      String name = null;
      String value = null;
      List<String> list = null;
      String member;
      while ((member = parser.nextFieldName()) != null) {
        switch (member) {
          case "FeatureName" -> {
            if (name != null || (name = string(parser)) == null) {
              return null;
            }
          }
          case "ValueAsString" -> {
            if (value != null || (value = string(parser)) == null) {
              return null;
            }
          }
          case "ValueAsStringList" -> {
            if (list != null
                || parser.nextToken() != JsonToken.START_ARRAY
                || (list = strings(parser)) == null) {
              return null;
            }
          }
          default -> {
            return null;
          }
        }
      }
      if (!parser.hasToken(JsonToken.END_OBJECT)
          || name == null
          || (value == null) == (list == null)) {
        return null;
      }
      values.add(new FeatureValue(name, value, list));
    }
    return parser.hasToken(JsonToken.END_ARRAY) ? new Record(values) : null;
  }

  /** The next value if it is a well-formed string, else null. */
  private static @Nullable String string(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.VALUE_STRING) {
      return null;
    }
    String text = parser.getText();
    return hasSurrogate(text) ? null : text;
  }

  /** The strings of a list, the parser on its start; null if an element is not a string. */
  private static @Nullable List<String> strings(JsonParser parser) throws IOException {
    List<String> strings = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      if (hasSurrogate(text)) {
        return null;
      }
      strings.add(text);
    }
    return token == JsonToken.END_ARRAY ? strings : null;
  }

  /** Whether {@code text} holds any surrogate: rare, and checked by the mapper's path. */
  private static boolean hasSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
