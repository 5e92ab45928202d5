package io.quiver.protocol.signing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A request as received, in the parts SigV4 signs.
 *
 * @param method the HTTP method
 * @param rawPath the path exactly as received (still percent-encoded)
 * @param queryParameters the decoded query parameters, values in order of appearance
 * @param headers the headers by lower-case name, values in order of appearance
 * @param payload the body bytes
 */
public record SignedRequest(
    String method,
    String rawPath,
    Map<String, List<String>> queryParameters,
    Map<String, List<String>> headers,
    byte[] payload) {

  /** Copies the maps, lower-casing header names. */
  public SignedRequest {
    requireNonNull(method, "method");
    requireNonNull(rawPath, "rawPath");
    requireNonNull(payload, "payload");
    queryParameters = Map.copyOf(queryParameters);
    TreeMap<String, List<String>> lower = new TreeMap<>();
    headers.forEach(
        (name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    headers = lower;
  }

  /** The first value of header {@code lowerCaseName}, or {@code null}. */
  public @Nullable String header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
