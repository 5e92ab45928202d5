package io.quiver.wrangler.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of a flow's parameters for one run, and the substitution of {@code {{name}}}
 * placeholders in nodes' parameters. Immutable.
 *
 * @param values the value of each parameter, by name
 */
public record ParameterValues(Map<String, String> values) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");

  /** Copies the map. */
  public ParameterValues {
    values = Map.copyOf(values);
  }

  /** No parameters. */
  public static ParameterValues none() {
    return new ParameterValues(Map.of());
  }

  /**
   * {@code node}'s parameters with every placeholder replaced by its value.
   *
   * @throws FlowException if a placeholder names a parameter the flow does not define
   */
  public ObjectNode resolve(FlowNode node) {
    return (ObjectNode) resolve(node.parameters().deepCopy(), node);
  }

  private JsonNode resolve(JsonNode json, FlowNode node) {
    if (json.isTextual()) {
      return TextNode.valueOf(substitute(json.asText(), node));
    }
    if (json.isObject()) {
      ObjectNode object = (ObjectNode) json;
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        field.setValue(resolve(field.getValue(), node));
      }
      return object;
    }
    if (json.isArray()) {
      ArrayNode array = (ArrayNode) json;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, resolve(array.get(i), node));
      }
      return array;
    }
    return json;
  }

  /**
   * {@code text} with its placeholders replaced.
   *
   * @throws FlowException if a placeholder names an unknown parameter
   */
  public String substitute(String text, FlowNode node) {
    if (!text.contains("{{")) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw node.error(
            "uses {{"
                + m.group(1)
                + "}}, which the flow does not define; add it to the flow's \"parameters\" or"
                + " remove the placeholder");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
