package io.quiver.pipelines.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads and checks a definition's {@code Parameters}. Stateless. */
final class ParameterParser {
  /** Most parameters SageMaker accepts per pipeline. */
  static final int MAX_PARAMETERS = 200;

  private ParameterParser() {}

  static List<Parameter> parameters(@Nullable JsonNode node) {
    List<Parameter> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new DefinitionException("Definition: Parameters must be a list");
    }
    if (node.size() > MAX_PARAMETERS) {
      throw new DefinitionException(
          "Definition: " + node.size() + " parameters (expected: at most " + MAX_PARAMETERS + ")");
    }
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode p : node) {
      index++;
      JsonNode name = p.get("Name");
      if (name == null || !name.isTextual() || name.asText().isEmpty()) {
        throw new DefinitionException(
            "Parameter #" + index + ": Name is missing (expected: a string)");
      }
      String n = name.asText();
      String where = "Parameter '" + n + "'";
      if (!names.add(n)) {
        throw new DefinitionException(where + ": the name is used by more than one parameter");
      }
      JsonNode typeNode = p.get("Type");
      ParameterType type =
          typeNode == null
              ? ParameterType.STRING
              : ParameterType.of(typeNode.asText())
                  .orElseThrow(
                      () ->
                          new DefinitionException(
                              where
                                  + ": Type "
                                  + typeNode
                                  + " is not a parameter type (expected: String, Integer, Float or Boolean)"));
      JsonNode defaultValue = p.get("DefaultValue");
      JsonNode value = null;
      if (defaultValue != null && !defaultValue.isNull()) {
        value = coerce(where + ": DefaultValue", type, defaultValue);
      }
      List<JsonNode> enumValues = new ArrayList<>();
      JsonNode enums = p.get("EnumValues");
      if (enums != null && enums.isArray()) {
        for (JsonNode e : enums) {
          enumValues.add(coerce(where + ": EnumValues member", type, e));
        }
        if (value != null && !enumValues.contains(value)) {
          throw new DefinitionException(
              where + ": DefaultValue " + value + " is not one of EnumValues " + enums);
        }
      }
      out.add(new Parameter(n, type, value, enumValues));
    }
    return out;
  }

  private static JsonNode coerce(String what, ParameterType type, JsonNode value) {
    Optional<JsonNode> coerced = type.coerce(value);
    if (coerced.isEmpty()) {
      throw new DefinitionException(what + " " + value + " is not of type " + type.wireName());
    }
    return coerced.get();
  }
}
