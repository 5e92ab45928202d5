package io.quiver.server.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.error.ValidationException;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list answer: {@code NextToken} is an opaque offset into the filtered, sorted list.
 *
 * @param items the page's items
 * @param nextToken the token of the next page, or {@code null} on the last one
 * @param <T> the item type
 */
record OffsetPage<T>(List<T> items, @Nullable String nextToken) {
  private static final String PREFIX = "offset:";

  /**
   * The page of {@code all} that {@code nextToken} starts, at most {@code maxResults} long (default
   * {@code defaultMax}, at most 100).
   *
   * @throws ValidationException if MaxResults or NextToken is bad
   */
  static <T> OffsetPage<T> of(
      List<T> all,
      @Nullable Integer maxResults,
      @Nullable String nextToken,
      int defaultMax,
      String what) {
    int max = maxResults == null ? defaultMax : maxResults;
    if (max < 1 || max > 100) {
      throw new ValidationException(
          "Cannot list " + what + ": MaxResults " + max + " is out of range (expected: 1 to 100)");
    }
    int from = 0;
    if (nextToken != null && !nextToken.isEmpty()) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(nextToken), UTF_8);
        if (!text.startsWith(PREFIX)) {
          throw new IllegalArgumentException(text);
        }
        from = Integer.parseInt(text.substring(PREFIX.length()));
      } catch (IllegalArgumentException e) {
        throw new ValidationException(
            "Cannot list " + what + ": NextToken is not one this server returned");
      }
    }
    int to = Math.min(all.size(), from + max);
    List<T> items = from >= all.size() ? List.of() : List.copyOf(all.subList(from, to));
    String next =
        to < all.size()
            ? Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + to).getBytes(UTF_8))
            : null;
    return new OffsetPage<>(items, next);
  }
}
