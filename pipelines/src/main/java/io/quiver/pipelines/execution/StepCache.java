package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.StepDefinition;
import io.quiver.pipelines.definition.StepType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The step cache: successful, non-cached runs indexed by pipeline and cache key (step type plus the
 * type's key attributes of the resolved request, canonical JSON, SHA-256). Rebuilt from the
 * journals at open, so it needs no file of its own. Thread-safe.
 */
final class StepCache {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A reusable run. */
  record Entry(
      String executionArn, String step, Instant endTime, JsonNode properties, JsonNode metadata) {}

  private final Map<String, List<Entry>> byPipelineAndKey = new ConcurrentHashMap<>();

  /** The cache key of {@code step} run with {@code resolvedArguments} and the resolved step. */
  static String key(StepDefinition step, JsonNode resolvedArguments, JsonNode resolvedStep) {
    ObjectNode keyed = JsonNodeFactory.instance.objectNode();
    keyed.put("Type", step.type().wireName());
    boolean stepFields =
        step.type() == StepType.LAMBDA
            || step.type() == StepType.CALLBACK
            || step.type() == StepType.CLARIFY_CHECK
            || step.type() == StepType.QUALITY_CHECK;
    JsonNode source = stepFields ? resolvedStep : resolvedArguments;
    for (String attribute : step.type().cacheKeyAttributes()) {
      JsonNode value = source.get(attribute);
      if (value != null) {
        keyed.set(attribute, canonical(value));
      }
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(MAPPER.writeValueAsString(keyed).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot compute a cache key", e);
    }
  }

  /** {@code value} with every object's members sorted by name. */
  static JsonNode canonical(JsonNode value) {
    if (value.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), canonical(e.getValue()));
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      value.forEach(v -> out.add(canonical(v)));
      return out;
    }
    return value;
  }

  void add(String pipeline, String key, Entry entry) {
    byPipelineAndKey.computeIfAbsent(pipeline + "\n" + key, k -> new ArrayList<>());
    byPipelineAndKey.computeIfPresent(
        pipeline + "\n" + key,
        (k, list) -> {
          List<Entry> copy = new ArrayList<>(list);
          copy.add(entry);
          return copy;
        });
  }

  /**
   * The most recent run of {@code key} in {@code pipeline} that ended after {@code now -
   * expireAfter}.
   */
  Optional<Entry> find(String pipeline, String key, @Nullable Duration expireAfter, Instant now) {
    List<Entry> entries = byPipelineAndKey.getOrDefault(pipeline + "\n" + key, List.of());
    Entry best = null;
    for (Entry e : entries) {
      if (expireAfter != null && e.endTime().isBefore(now.minus(expireAfter))) {
        continue;
      }
      if (best == null || e.endTime().isAfter(best.endTime())) {
        best = e;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Forgets every run of {@code pipeline} (it was deleted). */
  void forget(String pipeline) {
    byPipelineAndKey.keySet().removeIf(k -> k.startsWith(pipeline + "\n"));
  }
}
