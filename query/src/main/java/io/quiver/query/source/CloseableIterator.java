package io.quiver.query.source;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An iterator over resources that must be released: close it when done, even if not exhausted.
 *
 * @param <T> the element type
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

  /** Releases the resources; idempotent. */
  @Override
  void close();

  /** An iterator over nothing. */
  static <T> CloseableIterator<T> empty() {
    return of(List.of());
  }

  /** An iterator over {@code elements}, holding no resources. */
  static <T> CloseableIterator<T> of(List<T> elements) {
    Iterator<T> it = List.copyOf(elements).iterator();
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        if (!it.hasNext()) {
          throw new NoSuchElementException();
        }
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}
