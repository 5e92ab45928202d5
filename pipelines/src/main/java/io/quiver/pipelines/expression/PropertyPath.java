package io.quiver.pipelines.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A path into a step's properties: {@code .} for fields, {@code [n]} for list elements, {@code
 * ['key']} for map entries, as in {@code ProcessingOutputConfig.Outputs['eval'].S3Output.S3Uri}.
 *
 * <p>SageMaker lists such as {@code Outputs} are addressed by name in property paths, so {@code
 * ['key']} on a list selects the element whose name member ({@code OutputName}, {@code InputName},
 * {@code ChannelName}, {@code MetricName}, {@code Name}) equals the key.
 *
 * @param text the path as written
 * @param segments the parsed segments
 */
public record PropertyPath(String text, List<Segment> segments) {
  private static final List<String> NAME_MEMBERS =
      List.of("OutputName", "InputName", "ChannelName", "MetricName", "Name", "Key");

  /** Checks the parts. */
  public PropertyPath {
    segments = List.copyOf(segments);
  }

  /** One step of a path. */
  public sealed interface Segment {}

  /** An object member. */
  public record Field(String name) implements Segment {}

  /** A list element by position. */
  public record Index(int index) implements Segment {}

  /** A map entry or a named list element. */
  public record Key(String key) implements Segment {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the position of the first error
   */
  public static PropertyPath parse(String text) {
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    int n = text.length();
    boolean expectField = true;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("'[' at " + i + " has no ']'");
        }
        String inside = text.substring(i + 1, close).trim();
        if (inside.length() >= 2
            && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
            && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
          segments.add(new Key(inside.substring(1, inside.length() - 1)));
        } else {
          try {
            segments.add(new Index(Integer.parseInt(inside)));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "[" + inside + "] at " + i + " is neither an index nor a quoted key");
          }
        }
        i = close + 1;
        expectField = false;
      } else if (c == '.') {
        i++;
        expectField = true;
      } else {
        if (!expectField) {
          throw new IllegalArgumentException("'" + c + "' at " + i + " must follow a '.'");
        }
        int end = i;
        while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        segments.add(new Field(text.substring(i, end)));
        i = end;
        expectField = false;
      }
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("the path is empty");
    }
    return new PropertyPath(text, segments);
  }

  /** The value at this path below {@code root}, or {@code null} if some segment is missing. */
  public @Nullable JsonNode select(JsonNode root) {
    JsonNode node = root;
    for (Segment segment : segments) {
      node = step(node, segment);
      if (node == null || node.isMissingNode() || node.isNull()) {
        return null;
      }
    }
    return node;
  }

  private static @Nullable JsonNode step(JsonNode node, Segment segment) {
    if (segment instanceof Field f) {
      return node.isObject() ? node.get(f.name()) : null;
    }
    if (segment instanceof Index ix) {
      return node.isArray() ? node.get(ix.index()) : null;
    }
    String key = ((Key) segment).key();
    if (node.isObject()) {
      return node.get(key);
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        for (String member : NAME_MEMBERS) {
          JsonNode name = element.get(member);
          if (name != null && name.isTextual() && name.asText().equals(key)) {
            return element;
          }
        }
      }
    }
    return null;
  }
}
