package io.quiver.server;

import io.quiver.storage.QuiverStore;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link QuiverStore} that throws on the named methods and passes every other call to a real
 * store.
 */
final class FailingStore {
  private FailingStore() {}

  static QuiverStore wrap(
      QuiverStore real, Set<String> failingMethods, Supplier<? extends RuntimeException> failure) {
    return InterceptedStore.wrap(
        real,
        (method, args) -> {
          if (failingMethods.contains(method.getName())) {
            throw failure.get();
          }
          return InterceptedStore.PROCEED;
        });
  }
}
