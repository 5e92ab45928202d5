package io.quiver.pipelines.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;

/** The type of a pipeline parameter; values are held as JSON nodes of the matching kind. */
public enum ParameterType {
  STRING("String"),
  INTEGER("Integer"),
  FLOAT("Float"),
  BOOLEAN("Boolean");

  private final String wireName;

  ParameterType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code Type} string of a definition. */
  public String wireName() {
    return wireName;
  }

  /** The type spelled {@code wireName}, if any. */
  public static Optional<ParameterType> of(String wireName) {
    for (ParameterType type : values()) {
      if (type.wireName.equals(wireName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * The JSON value {@code value} as this type, or empty if it is not one. An Integer written as a
   * JSON float with no fraction ({@code 3.0}) is accepted; a Float written as an integer becomes a
   * float ({@code 3} is {@code 3.0}).
   */
  public Optional<JsonNode> coerce(JsonNode value) {
    return switch (this) {
      case STRING -> value.isTextual() ? Optional.of(value) : Optional.empty();
      case BOOLEAN -> value.isBoolean() ? Optional.of(value) : Optional.empty();
      case FLOAT ->
          value.isNumber()
              ? Optional.of(DoubleNode.valueOf(value.doubleValue()))
              : Optional.empty();
      case INTEGER -> {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
          yield Optional.of(LongNode.valueOf(value.longValue()));
        }
        if (value.isFloatingPointNumber()
            && value.doubleValue() == Math.rint(value.doubleValue())
            && Math.abs(value.doubleValue()) < 0x1p53) {
          yield Optional.of(LongNode.valueOf((long) value.doubleValue()));
        }
        yield Optional.empty();
      }
    };
  }

  /**
   * The start-time override {@code text} (the API sends every value as a string) as this type, or
   * empty if it does not parse.
   */
  public Optional<JsonNode> parse(String text) {
    try {
      return switch (this) {
        case STRING -> Optional.of(TextNode.valueOf(text));
        case INTEGER -> Optional.of(LongNode.valueOf(Long.parseLong(text.trim())));
        case FLOAT -> {
          double d = Double.parseDouble(text.trim());
          yield Double.isFinite(d) ? Optional.of(DoubleNode.valueOf(d)) : Optional.empty();
        }
        case BOOLEAN -> {
          String t = text.trim();
          if (t.equalsIgnoreCase("true")) {
            yield Optional.of(BooleanNode.TRUE);
          }
          yield t.equalsIgnoreCase("false") ? Optional.of(BooleanNode.FALSE) : Optional.empty();
        }
      };
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
