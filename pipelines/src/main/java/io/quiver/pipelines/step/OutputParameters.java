package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.pipelines.definition.ParameterType;
import java.util.Map;

/**
 * The {@code OutputParameters} of Lambda and Callback steps: checks a reply against the declared
 * names and types and builds the properties ({@code OutputParameters['name']}) and metadata list.
 */
public final class OutputParameters {
  private OutputParameters() {}

  /**
   * The step outcome for {@code values} under {@code declared}.
   *
   * @param declared the step's {@code OutputParameters} list
   * @param values the reply, name to value
   * @param metadataKey {@code Lambda} or {@code Callback}
   * @param metadataFields further members of the metadata entry (its {@code Arn}, ...)
   * @throws StepFailedException if a declared output is missing or of the wrong type
   */
  public static StepOutcome outcome(
      JsonNode declared,
      Map<String, JsonNode> values,
      String metadataKey,
      Map<String, String> metadataFields) {
    ObjectNode props = JsonNodeFactory.instance.objectNode();
    ObjectNode outputs = props.putObject("OutputParameters");
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    ObjectNode entry = metadata.putObject(metadataKey);
    metadataFields.forEach(entry::put);
    ArrayNode list = entry.putArray("OutputParameters");
    for (JsonNode d : declared) {
      String name = d.path("OutputName").asText();
      String type = d.path("OutputType").asText("String");
      JsonNode value = values.get(name);
      if (value == null || value.isNull()) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            metadataKey + " reply has no output parameter '" + name + "'");
      }
      ParameterType t = ParameterType.of(type).orElse(ParameterType.STRING);
      JsonNode typed =
          value.isTextual() && t != ParameterType.STRING
              ? t.parse(value.asText()).orElse(null)
              : t.coerce(value).orElse(null);
      if (typed == null) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            metadataKey + " output parameter '" + name + "' is " + value + ", not a " + type);
      }
      outputs.set(name, typed);
      list.addObject()
          .put("Name", name)
          .put("Value", typed.isTextual() ? typed.asText() : typed.toString());
    }
    return new StepOutcome(props, metadata);
  }
}
