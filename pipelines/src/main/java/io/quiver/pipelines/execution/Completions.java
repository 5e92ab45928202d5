package io.quiver.pipelines.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Futures waiting for executions to end, by execution ARN. Thread-safe. */
final class Completions {
  private final Map<String, List<CompletableFuture<ExecutionSnapshot>>> waiting =
      new ConcurrentHashMap<>();

  CompletableFuture<ExecutionSnapshot> register(String arn) {
    CompletableFuture<ExecutionSnapshot> f = new CompletableFuture<>();
    waiting.compute(
        arn,
        (k, list) -> {
          List<CompletableFuture<ExecutionSnapshot>> l = list == null ? new ArrayList<>() : list;
          l.add(f);
          return l;
        });
    return f;
  }

  void complete(String arn, ExecutionSnapshot snapshot) {
    List<CompletableFuture<ExecutionSnapshot>> list = waiting.remove(arn);
    if (list != null) {
      list.forEach(f -> f.complete(snapshot));
    }
  }

  void cancelAll() {
    waiting.values().forEach(l -> l.forEach(f -> f.cancel(false)));
    waiting.clear();
  }
}
