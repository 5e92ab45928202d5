package io.quiver.server;

import io.quiver.storage.QuiverStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Test fixture: a {@link QuiverStore} that shows each call to a test first (to block it, refuse it,
 * or answer it) and passes the call on to a real store unless the test answered it.
 */
public final class InterceptedStore {
  /** What an {@link Interceptor} returns to pass the call on to the real store. */
  public static final Object PROCEED = new Object();

  /** A test's view of each call: the call's answer, or {@link #PROCEED}; may throw. */
  @FunctionalInterface
  public interface Interceptor {
    Object intercept(Method method, Object[] args) throws Throwable;
  }

  private InterceptedStore() {}

  /** {@code real}, each call shown to {@code interceptor} first. */
  public static QuiverStore wrap(QuiverStore real, Interceptor interceptor) {
    return (QuiverStore)
        Proxy.newProxyInstance(
            QuiverStore.class.getClassLoader(),
            new Class<?>[] {QuiverStore.class},
            (proxy, method, args) -> {
              Object answer = interceptor.intercept(method, args);
              if (answer != PROCEED) {
                return answer;
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
