package io.quiver.pipelines.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Reads and checks a step's {@code RetryPolicies}. Stateless. */
final class RetryPolicyParser {
  private RetryPolicyParser() {}

  static List<RetryPolicy> policies(String where, StepType type, @Nullable JsonNode node) {
    List<RetryPolicy> out = new ArrayList<>();
    if (node == null || node.isNull() || node.isEmpty()) {
      return out;
    }
    if (!type.retryable()) {
      throw new DefinitionException(
          where + ": RetryPolicies are not allowed on a " + type.wireName() + " step");
    }
    if (!node.isArray()) {
      throw new DefinitionException(where + ": RetryPolicies must be a list");
    }
    for (JsonNode p : node) {
      List<String> types = new ArrayList<>();
      JsonNode list = p.get("ExceptionType");
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw new DefinitionException(
            where + ": a retry policy needs a non-empty ExceptionType list");
      }
      for (JsonNode t : list) {
        if (!RetryPolicy.EXCEPTION_TYPES.contains(t.asText())) {
          throw new DefinitionException(
              where
                  + ": retry ExceptionType '"
                  + t.asText()
                  + "' is not known (expected: one of "
                  + String.join(", ", new TreeSet<>(RetryPolicy.EXCEPTION_TYPES))
                  + ")");
        }
        types.add(t.asText());
      }
      long interval =
          p.has("IntervalSeconds")
              ? p.get("IntervalSeconds").asLong()
              : RetryPolicy.INTERVAL_SECONDS_DEFAULT;
      if (interval < 1 || interval > RetryPolicy.INTERVAL_SECONDS_MAX) {
        throw new DefinitionException(
            where
                + ": retry IntervalSeconds "
                + interval
                + " is out of range (expected: 1 to 43200)");
      }
      double backoff =
          p.has("BackoffRate") ? p.get("BackoffRate").asDouble() : RetryPolicy.BACKOFF_RATE_DEFAULT;
      if (!(backoff >= 1.0)) {
        throw new DefinitionException(
            where + ": retry BackoffRate " + backoff + " is out of range (expected: 1.0 or more)");
      }
      Integer maxAttempts = p.has("MaxAttempts") ? p.get("MaxAttempts").asInt() : null;
      Integer expire = p.has("ExpireAfterMin") ? p.get("ExpireAfterMin").asInt() : null;
      if (maxAttempts != null && expire != null) {
        throw new DefinitionException(
            where + ": a retry policy takes MaxAttempts or ExpireAfterMin, not both");
      }
      if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > RetryPolicy.MAX_ATTEMPTS_MAX)) {
        throw new DefinitionException(
            where + ": retry MaxAttempts " + maxAttempts + " is out of range (expected: 1 to 20)");
      }
      if (expire != null && (expire < 1 || expire > RetryPolicy.EXPIRE_AFTER_MIN_MAX)) {
        throw new DefinitionException(
            where + ": retry ExpireAfterMin " + expire + " is out of range (expected: 1 to 14400)");
      }
      out.add(new RetryPolicy(types, interval, backoff, maxAttempts, expire));
    }
    return out;
  }
}
