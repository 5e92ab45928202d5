package io.quiver.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Locale;

/** A JSON string holding a surrogate code unit that is not half of a pair. */
final class UnpairedSurrogateException extends MismatchedInputException {
  private static final long serialVersionUID = 1L;

  private final char surrogate;

  private UnpairedSurrogateException(JsonParser p, String message, char surrogate) {
    super(p, message, String.class);
    this.surrogate = surrogate;
  }

  static UnpairedSurrogateException of(JsonParser p, char surrogate, int index) {
    return new UnpairedSurrogateException(
        p, "unpaired surrogate " + escape(surrogate) + " at character " + index, surrogate);
  }

  /** The surrogate as a JSON escape, e.g. {@code \ud800}. */
  String escapedSurrogate() {
    return escape(surrogate);
  }

  private static String escape(char c) {
    return String.format(Locale.ROOT, "\\u%04x", (int) c);
  }
}
