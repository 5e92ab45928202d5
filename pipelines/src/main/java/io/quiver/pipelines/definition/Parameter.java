package io.quiver.pipelines.definition;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline parameter.
 *
 * @param name the name steps refer to as {@code Parameters.<name>}
 * @param type the value type
 * @param defaultValue the value used when a start does not override it, or {@code null} if every
 *     start must supply one
 * @param enumValues the values allowed (SDK {@code EnumValues}), empty for any value
 */
public record Parameter(
    String name, ParameterType type, @Nullable JsonNode defaultValue, List<JsonNode> enumValues) {
  /** Checks the parts. */
  public Parameter {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    enumValues = List.copyOf(enumValues);
  }
}
