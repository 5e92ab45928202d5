package io.quiver.pipelines.execution;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which execution and step each outstanding callback token belongs to. Thread-safe. */
final class CallbackTokens {
  record Waiting(ExecutionRunner runner, String step) {}

  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

  void register(String token, ExecutionRunner runner, String step) {
    waiting.put(token, new Waiting(runner, step));
  }

  Optional<Waiting> find(String token) {
    return Optional.ofNullable(waiting.get(token));
  }

  void remove(String token) {
    waiting.remove(token);
  }
}
