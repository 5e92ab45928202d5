package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.error.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request-target of an HTTP request ({@code /path?query}), split into its raw path and raw
 * query, with strict percent-decoding: every {@code %} is followed by two hex digits, the decoded
 * bytes are UTF-8, and the raw target is ASCII. A malformed escape is the client's mistake, refused
 * with a {@link ValidationException} naming where it is, never a server failure. Immutable.
 *
 * @param rawPath the path as received, still percent-encoded
 * @param rawQuery the query after {@code ?} as received, or empty
 */
public record RequestTarget(String rawPath, String rawQuery) {

  /** Splits {@code uri} at its first {@code ?}. */
  public static RequestTarget parse(String uri) {
    int query = uri.indexOf('?');
    return query < 0
        ? new RequestTarget(uri, "")
        : new RequestTarget(uri.substring(0, query), uri.substring(query + 1));
  }

  /**
   * The query parameters, decoded ({@code +} is a space), values in order of appearance.
   *
   * @throws ValidationException if a name or value is not well-formed percent-encoded UTF-8
   */
  public Map<String, List<String>> parameters() {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      if (end > start) {
        int eq = rawQuery.indexOf('=', start);
        String name;
        String value;
        if (eq < 0 || eq > end) {
          name = decode(rawQuery.substring(start, end), true, "query parameter name");
          value = "";
        } else {
          name = decode(rawQuery.substring(start, eq), true, "query parameter name");
          value = decode(rawQuery.substring(eq + 1, end), true, "query parameter " + name);
        }
        parameters.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
      start = end + 1;
    }
    return parameters;
  }

  /**
   * Decodes one percent-encoded component.
   *
   * @param plusIsSpace whether {@code +} stands for a space (query strings), or for itself (paths)
   * @param what what the component is, for the error message
   * @throws ValidationException if it is not well-formed percent-encoded UTF-8
   */
  public static String decode(String component, boolean plusIsSpace, String what) {
    int firstSpecial = -1;
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c > 0x7E || c < 0x21) {
        throw new ValidationException(
            "Cannot read request: the "
                + what
                + " holds a raw character that must be percent-encoded (expected: %XX escapes of"
                + " UTF-8 bytes)");
      }
      if (firstSpecial < 0 && (c == '%' || (plusIsSpace && c == '+'))) {
        firstSpecial = i;
      }
    }
    if (firstSpecial < 0) {
      return component; // nothing to decode, the common case
    }
    byte[] bytes = new byte[component.length()];
    int length = 0;
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '%') {
        if (i + 2 >= component.length()) {
          throw malformedEscape(component, i, what);
        }
        int high = Character.digit(component.charAt(i + 1), 16);
        int low = Character.digit(component.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw malformedEscape(component, i, what);
        }
        bytes[length++] = (byte) (high << 4 | low);
        i += 2;
      } else {
        bytes[length++] = (byte) (plusIsSpace && c == '+' ? ' ' : c);
      }
    }
    try {
      return UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new ValidationException(
          "Cannot read request: the "
              + what
              + " does not decode to UTF-8 text (expected: %XX escapes of UTF-8 bytes)");
    }
  }

  private static ValidationException malformedEscape(String component, int index, String what) {
    String escape = component.substring(index, Math.min(component.length(), index + 3));
    return new ValidationException(
        "Cannot read request: the "
            + what
            + " holds a malformed percent-escape '"
            + escape
            + "' at character "
            + index
            + " (expected: % followed by two hex digits)");
  }
}
