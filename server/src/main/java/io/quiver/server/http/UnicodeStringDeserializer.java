package io.quiver.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Reads a JSON string member, refusing every other token and any string holding an unpaired
 * surrogate: JSON escapes can spell {@code \ud800} alone, which no UTF-8 encoder can write, so it
 * would be stored as {@code ?}. Stateless.
 */
final class UnicodeStringDeserializer extends StdScalarDeserializer<String> {
  static final UnicodeStringDeserializer INSTANCE = new UnicodeStringDeserializer();

  private UnicodeStringDeserializer() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.hasToken(JsonToken.VALUE_STRING)) {
      return (String) ctxt.handleUnexpectedToken(String.class, p);
    }
    String text = p.getText();
    int bad = unpairedSurrogate(text);
    if (bad >= 0) {
      throw UnpairedSurrogateException.of(p, text.charAt(bad), bad);
    }
    return text;
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      return i;
    }
    return -1;
  }
}
