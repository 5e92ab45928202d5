package io.quiver.server.control;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A control-plane operation given as a function of its request. Stateless if the function is.
 *
 * @param <I> the request shape
 */
final class FunctionHandler<I> implements ControlHandler<I> {
  private final Class<I> type;
  private final Function<I, @Nullable Object> function;

  FunctionHandler(Class<I> type, Function<I, @Nullable Object> function) {
    this.type = type;
    this.function = function;
  }

  @Override
  public Class<I> requestType() {
    return type;
  }

  @Override
  public @Nullable Object handle(I request) {
    return function.apply(request);
  }
}
