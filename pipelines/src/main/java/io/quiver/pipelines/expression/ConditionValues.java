package io.quiver.pipelines.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * How conditions compare values: numbers by value (an integer equals the same float), strings by
 * code point, booleans by value; a number and a string that spells a number compare as numbers.
 * Other pairs are not comparable and fail the step with a message naming both values.
 */
final class ConditionValues {
  private ConditionValues() {}

  static boolean equal(JsonNode left, JsonNode right, String operator) {
    BigDecimal l = number(left, right);
    BigDecimal r = number(right, left);
    if (l != null && r != null) {
      return l.compareTo(r) == 0;
    }
    if (left.isTextual() && right.isTextual() || left.isBoolean() && right.isBoolean()) {
      return left.equals(right);
    }
    throw incomparable(left, right, operator);
  }

  static boolean sameValue(JsonNode left, JsonNode right) {
    BigDecimal l = number(left, right);
    BigDecimal r = number(right, left);
    if (l != null && r != null) {
      return l.compareTo(r) == 0;
    }
    return left.equals(right);
  }

  static int compare(JsonNode left, JsonNode right, String operator) {
    BigDecimal l = number(left, right);
    BigDecimal r = number(right, left);
    if (l != null && r != null) {
      return l.compareTo(r);
    }
    if (left.isTextual() && right.isTextual()) {
      return left.asText().compareTo(right.asText());
    }
    throw incomparable(left, right, operator);
  }

  /** {@code value} as a number if it is one, or a numeric string compared with a number. */
  private static @Nullable BigDecimal number(JsonNode value, JsonNode other) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual() && other.isNumber()) {
      try {
        return new BigDecimal(value.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static ExpressionException incomparable(JsonNode left, JsonNode right, String operator) {
    return new ExpressionException(
        "Cannot evaluate condition "
            + operator
            + ": "
            + kind(left)
            + " "
            + left
            + " and "
            + kind(right)
            + " "
            + right
            + " are not comparable (expected: two numbers, two strings"
            + (operator.endsWith("Equals") ? " or two booleans)" : ")"));
  }

  private static String kind(JsonNode value) {
    if (value.isNumber()) {
      return "number";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isNull()) {
      return "null";
    }
    return value.isArray() ? "list" : "object";
  }
}
