package io.quiver.server.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.error.ValidationException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The {@code NextToken} of the control plane's paginated operations: an opaque offset into the
 * filtered, sorted list. Entries created or deleted between pages may shift it, as with any offset
 * pagination. Stateless.
 */
final class PageToken {
  private static final String PREFIX = "offset:";

  private PageToken() {}

  /** The token of the page starting at {@code offset}. */
  static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(UTF_8));
  }

  /**
   * The offset {@code token} stands for; 0 for none.
   *
   * @throws ValidationException if {@code token} is not one {@code operation} returned
   */
  static int decode(@Nullable String token, String operation) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), UTF_8);
      if (decoded.startsWith(PREFIX)) {
        int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the validation error below
    }
    throw new ValidationException(
        "Cannot accept NextToken: it is not a token returned by " + operation);
  }
}
