package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Typed reading of a node's parameters (after placeholder substitution), with messages that name
 * the parameter and say what is allowed. Data Wrangler writes numbers and booleans sometimes as
 * JSON numbers and sometimes as strings; both are accepted. Immutable.
 */
public final class Parameters {
  private final ObjectNode json;
  private final String path;

  /** The parameters in {@code json}. */
  public Parameters(ObjectNode json) {
    this(json, "");
  }

  private Parameters(ObjectNode json, String path) {
    this.json = json;
    this.path = path;
  }

  /** The parameters as JSON (for hashing and display). */
  public ObjectNode json() {
    return json;
  }

  private String name(String key) {
    return path + key;
  }

  /** Whether parameter {@code key} is present and not null or empty. */
  public boolean has(String key) {
    JsonNode v = json.get(key);
    return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
  }

  /**
   * A required non-empty string.
   *
   * @throws StepException if it is missing or not a string
   */
  public String string(String key) {
    String value = optString(key);
    if (value == null) {
      throw new StepException("parameter '" + name(key) + "' is required");
    }
    return value;
  }

  /** An optional string: {@code null} if missing, null or empty. */
  public @Nullable String optString(String key) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isContainerNode()) {
      throw new StepException("parameter '" + name(key) + "' must be a string");
    }
    String text = v.asText();
    return text.isEmpty() ? null : text;
  }

  /** An optional string with a default. */
  public String string(String key, String defaultValue) {
    String value = optString(key);
    return value == null ? defaultValue : value;
  }

  /**
   * One of {@code allowed} (matched exactly, then ignoring case), or {@code defaultValue} if
   * missing.
   *
   * @throws StepException if the value is none of them
   */
  public String choice(String key, @Nullable String defaultValue, String... allowed) {
    String value = optString(key);
    if (value == null) {
      if (defaultValue == null) {
        throw new StepException(
            "parameter '"
                + name(key)
                + "' is required (one of: "
                + String.join(", ", allowed)
                + ")");
      }
      return defaultValue;
    }
    for (String a : allowed) {
      if (a.equals(value)) {
        return a;
      }
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(value)) {
        return a;
      }
    }
    throw new StepException(
        "parameter '"
            + name(key)
            + "' is '"
            + value
            + "' (expected one of: "
            + String.join(", ", allowed)
            + ")");
  }

  /**
   * A number, or {@code defaultValue} if missing.
   *
   * @throws StepException if it is not a finite number
   */
  public double number(String key, double defaultValue) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      return defaultValue;
    }
    double d;
    if (v.isNumber()) {
      d = v.asDouble();
    } else if (v.isTextual()) {
      try {
        d = Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        throw new StepException(
            "parameter '" + name(key) + "' is '" + v.asText() + "' (expected: a number)");
      }
    } else {
      throw new StepException("parameter '" + name(key) + "' must be a number");
    }
    if (!Double.isFinite(d)) {
      throw new StepException("parameter '" + name(key) + "' must be a finite number");
    }
    return d;
  }

  /**
   * A required number.
   *
   * @throws StepException if it is missing or not a finite number
   */
  public double number(String key) {
    if (!has(key)) {
      throw new StepException("parameter '" + name(key) + "' is required (a number)");
    }
    return number(key, 0);
  }

  /**
   * A whole number, or {@code defaultValue} if missing.
   *
   * @throws StepException if it is not a whole number
   */
  public long integer(String key, long defaultValue) {
    double d = number(key, defaultValue);
    if (d != Math.rint(d) || Math.abs(d) > 1L << 53) {
      throw new StepException(
          "parameter '" + name(key) + "' is " + d + " (expected: a whole number)");
    }
    return (long) d;
  }

  /**
   * A required whole number.
   *
   * @throws StepException if it is missing or not a whole number
   */
  public long integer(String key) {
    if (!has(key)) {
      throw new StepException("parameter '" + name(key) + "' is required (a whole number)");
    }
    return integer(key, 0);
  }

  /**
   * A boolean ({@code true}/{@code false}, as JSON or text), or {@code defaultValue} if missing.
   *
   * @throws StepException if it is not a boolean
   */
  public boolean bool(String key, boolean defaultValue) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String text = v.asText().trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      case "" -> defaultValue;
      default ->
          throw new StepException(
              "parameter '" + name(key) + "' is '" + v.asText() + "' (expected: true or false)");
    };
  }

  /**
   * Column names: one string or an array of strings.
   *
   * @throws StepException if missing, empty or not strings
   */
  public List<String> columns(String key) {
    List<String> columns = optColumns(key);
    if (columns.isEmpty()) {
      throw new StepException("parameter '" + name(key) + "' is required (a column name)");
    }
    return columns;
  }

  /** Column names: one string or an array of strings; empty if missing. */
  public List<String> optColumns(String key) {
    JsonNode v = json.get(key);
    List<String> result = new ArrayList<>();
    if (v == null || v.isNull()) {
      return result;
    }
    if (v.isArray()) {
      for (JsonNode item : v) {
        if (!item.isTextual() || item.asText().isEmpty()) {
          throw new StepException(
              "parameter '" + name(key) + "' must hold column names (non-empty strings)");
        }
        result.add(item.asText());
      }
    } else if (v.isTextual()) {
      if (!v.asText().isEmpty()) {
        result.add(v.asText());
      }
    } else {
      throw new StepException("parameter '" + name(key) + "' must be a column name or a list");
    }
    return result;
  }

  /** The sub-object {@code key}; empty if missing. */
  public Parameters object(String key) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return new Parameters(JsonNodeFactory.instance.objectNode(), name(key) + ".");
    }
    if (!v.isObject()) {
      throw new StepException("parameter '" + name(key) + "' must be a JSON object");
    }
    return new Parameters((ObjectNode) v, name(key) + ".");
  }

  /** The array {@code key} as a list of parameter objects; empty if missing. */
  public List<Parameters> objects(String key) {
    JsonNode v = json.get(key);
    List<Parameters> result = new ArrayList<>();
    if (v == null || v.isNull()) {
      return result;
    }
    if (!v.isArray()) {
      throw new StepException("parameter '" + name(key) + "' must be an array");
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isObject()) {
        throw new StepException("parameter '" + name(key) + "[" + i + "]' must be a JSON object");
      }
      result.add(new Parameters((ObjectNode) v.get(i), name(key) + "[" + i + "]."));
    }
    return result;
  }

  /**
   * The sub-operator a family node selects, Data Wrangler style: the value of {@code key} ({@code
   * operator}, {@code scaler}, ...) names it, and its parameters are in the sibling object named
   * after it in snake case with {@code _parameters} appended.
   *
   * @throws StepException if the selector is missing or names none of {@code allowed}
   */
  public Choice dispatch(String key, String... allowed) {
    String choice = choice(key, null, allowed);
    // Most families name the object in snake case; the time-series family uses the name as is.
    String verbatim = choice + "_parameters";
    return new Choice(
        choice, object(json.has(verbatim) ? verbatim : snake(choice) + "_parameters"));
  }

  /** A sub-operator and its parameters. */
  public record Choice(String name, Parameters parameters) {}

  /** {@code One-hot encode} → {@code one_hot_encode}: the key convention of flow files. */
  public static String snake(String uiName) {
    String s = uiName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return s.replaceAll("^_+|_+$", "");
  }
}
