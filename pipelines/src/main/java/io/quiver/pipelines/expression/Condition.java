package io.quiver.pipelines.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A condition of a Condition step. Parsing accepts the SDK's spelling ({@code In} with {@code
 * QueryValue}/{@code Values}, {@code Not}) and the published schema's ({@code NotEquals}, {@code
 * In} with {@code Value}/{@code In}); {@link #toJson()} writes the SDK's.
 */
public sealed interface Condition {

  /** Whether the condition holds, its operands resolved by {@code resolver}. */
  boolean test(ExpressionResolver resolver);

  /** The condition in the SDK's serialisation. */
  JsonNode toJson();

  /** Comparison operators. */
  enum Operator {
    EQUALS("Equals"),
    NOT_EQUALS("NotEquals"),
    GREATER_THAN("GreaterThan"),
    GREATER_THAN_OR_EQUAL_TO("GreaterThanOrEqualTo"),
    LESS_THAN("LessThan"),
    LESS_THAN_OR_EQUAL_TO("LessThanOrEqualTo");

    private final String wireName;

    Operator(String wireName) {
      this.wireName = wireName;
    }

    /** The {@code Type} string. */
    public String wireName() {
      return wireName;
    }
  }

  /** {@code LeftValue <op> RightValue}. */
  record Comparison(Operator operator, JsonNode left, JsonNode right) implements Condition {
    @Override
    public boolean test(ExpressionResolver resolver) {
      JsonNode l = resolver.resolve(left);
      JsonNode r = resolver.resolve(right);
      return switch (operator) {
        case EQUALS -> ConditionValues.equal(l, r, operator.wireName());
        case NOT_EQUALS -> !ConditionValues.equal(l, r, operator.wireName());
        case GREATER_THAN -> ConditionValues.compare(l, r, operator.wireName()) > 0;
        case GREATER_THAN_OR_EQUAL_TO -> ConditionValues.compare(l, r, operator.wireName()) >= 0;
        case LESS_THAN -> ConditionValues.compare(l, r, operator.wireName()) < 0;
        case LESS_THAN_OR_EQUAL_TO -> ConditionValues.compare(l, r, operator.wireName()) <= 0;
      };
    }

    @Override
    public JsonNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("Type", operator.wireName());
      node.set("LeftValue", left);
      node.set("RightValue", right);
      return node;
    }
  }

  /** {@code QueryValue} is one of {@code Values}. */
  record In(JsonNode queryValue, List<JsonNode> values) implements Condition {
    /** Copies the values. */
    public In {
      values = List.copyOf(values);
    }

    @Override
    public boolean test(ExpressionResolver resolver) {
      JsonNode q = resolver.resolve(queryValue);
      for (JsonNode value : values) {
        if (ConditionValues.sameValue(q, resolver.resolve(value))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public JsonNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("Type", "In");
      node.set("QueryValue", queryValue);
      ArrayNode array = node.putArray("Values");
      values.forEach(array::add);
      return node;
    }
  }

  /** The negation of a condition. */
  record Not(Condition condition) implements Condition {
    @Override
    public boolean test(ExpressionResolver resolver) {
      return !condition.test(resolver);
    }

    @Override
    public JsonNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("Type", "Not");
      node.set("Condition", condition.toJson());
      return node;
    }
  }

  /** At least one of several conditions. */
  record Or(List<Condition> conditions) implements Condition {
    /** Copies the conditions. */
    public Or {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(ExpressionResolver resolver) {
      for (Condition c : conditions) {
        if (c.test(resolver)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public JsonNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("Type", "Or");
      ArrayNode array = node.putArray("Conditions");
      conditions.forEach(c -> array.add(c.toJson()));
      return node;
    }
  }

  /**
   * Parses one condition.
   *
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  static Condition parse(JsonNode node) {
    if (!node.isObject() || !node.path("Type").isTextual()) {
      throw new IllegalArgumentException("a condition must be an object with a Type, not " + node);
    }
    String type = node.get("Type").asText();
    switch (type) {
      case "In":
        JsonNode query = node.has("QueryValue") ? node.get("QueryValue") : node.get("Value");
        JsonNode values = node.has("Values") ? node.get("Values") : node.get("In");
        if (query == null || values == null || !values.isArray()) {
          throw new IllegalArgumentException(
              "condition In needs QueryValue and a list Values (or Value and In)");
        }
        List<JsonNode> list = new ArrayList<>();
        values.forEach(list::add);
        ReferenceScanner.references(query);
        ReferenceScanner.references(values);
        return new In(query, list);
      case "Not":
        JsonNode inner = node.get("Condition");
        if (inner == null) {
          throw new IllegalArgumentException("condition Not needs a Condition");
        }
        return new Not(parse(inner));
      case "Or":
        JsonNode conditions = node.get("Conditions");
        if (conditions == null || !conditions.isArray() || conditions.isEmpty()) {
          throw new IllegalArgumentException("condition Or needs a non-empty list Conditions");
        }
        List<Condition> parsed = new ArrayList<>();
        conditions.forEach(c -> parsed.add(parse(c)));
        return new Or(parsed);
      default:
        for (Operator op : Operator.values()) {
          if (op.wireName().equals(type)) {
            JsonNode left = node.get("LeftValue");
            JsonNode right = node.get("RightValue");
            if (left == null || right == null) {
              throw new IllegalArgumentException(
                  "condition " + type + " needs LeftValue and RightValue");
            }
            ReferenceScanner.references(left);
            ReferenceScanner.references(right);
            return new Comparison(op, left, right);
          }
        }
        throw new IllegalArgumentException(
            "condition Type '"
                + type
                + "' is not supported (expected: Equals, NotEquals, GreaterThan,"
                + " GreaterThanOrEqualTo, LessThan, LessThanOrEqualTo, In, Not or Or)");
    }
  }
}
