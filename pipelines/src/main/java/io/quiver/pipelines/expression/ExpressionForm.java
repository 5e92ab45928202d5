package io.quiver.pipelines.expression;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** The expression forms a definition may use wherever a value is allowed. */
public enum ExpressionForm {
  GET("Get"),
  JOIN("Std:Join"),
  JSON_GET("Std:JsonGet");

  private final String key;

  ExpressionForm(String key) {
    this.key = key;
  }

  /** The single member that marks the form, for example {@code Std:Join}. */
  public String key() {
    return key;
  }

  /** The form of {@code node}: an object whose only member is a form's key; else {@code null}. */
  public static @Nullable ExpressionForm of(JsonNode node) {
    if (!node.isObject() || node.size() != 1) {
      return null;
    }
    String name = node.fieldNames().next();
    for (ExpressionForm form : values()) {
      if (form.key.equals(name)) {
        return form;
      }
    }
    return null;
  }
}
