package io.quiver.pipelines.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds every reference in a JSON value and checks the shape of every expression on the way, so a
 * definition's mistakes surface when it is created rather than when a step starts. Stateless.
 */
public final class ReferenceScanner {
  private ReferenceScanner() {}

  /**
   * The references in {@code value}, in the order they appear.
   *
   * @throws IllegalArgumentException if an expression is malformed, naming the form and the problem
   */
  public static List<Reference> references(JsonNode value) {
    List<Reference> found = new ArrayList<>();
    scan(value, found);
    return found;
  }

  private static void scan(JsonNode node, List<Reference> found) {
    ExpressionForm form = ExpressionForm.of(node);
    if (form != null) {
      scanForm(form, node.get(form.key()), found);
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        scan(it.next().getValue(), found);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        scan(element, found);
      }
    }
  }

  private static void scanForm(ExpressionForm form, JsonNode body, List<Reference> found) {
    switch (form) {
      case GET -> {
        if (!body.isTextual()) {
          throw new IllegalArgumentException(
              "Get takes a string such as \"Parameters.Name\", not " + body);
        }
        found.add(Reference.parse(body.asText()));
      }
      case JOIN -> {
        JsonNode values = body.get("Values");
        JsonNode on = body.get("On");
        if (!body.isObject() || values == null || !values.isArray()) {
          throw new IllegalArgumentException(
              "Std:Join needs {\"On\": \"<separator>\", \"Values\": [...]}, not " + body);
        }
        if (on != null && !on.isTextual()) {
          throw new IllegalArgumentException("Std:Join's On must be a string, not " + on);
        }
        scan(values, found);
      }
      case JSON_GET -> {
        if (!body.isObject() || body.get("Path") == null || !body.get("Path").isTextual()) {
          throw new IllegalArgumentException(
              "Std:JsonGet needs a string Path and a PropertyFile or S3Uri, not " + body);
        }
        JsonNode file = body.get("PropertyFile");
        JsonNode uri = body.get("S3Uri");
        if ((file == null) == (uri == null)) {
          throw new IllegalArgumentException(
              "Std:JsonGet needs exactly one of PropertyFile and S3Uri, not " + body);
        }
        if (file != null) {
          Reference ref =
              ExpressionForm.of(file) == ExpressionForm.GET && file.get("Get").isTextual()
                  ? Reference.parse(file.get("Get").asText())
                  : null;
          if (ref == null
              || ref.kind() != Reference.Kind.STEP
              || ref.path().segments().size() != 2
              || !(ref.path().segments().get(0) instanceof PropertyPath.Field f)
              || !f.name().equals("PropertyFiles")) {
            throw new IllegalArgumentException(
                "Std:JsonGet's PropertyFile must be {\"Get\": \"Steps.<step>.PropertyFiles.<name>\"},"
                    + " not "
                    + file);
          }
          found.add(ref);
        } else {
          scan(uri, found);
        }
      }
    }
  }
}
