package io.quiver.server.cli;

import org.jspecify.annotations.Nullable;

/**
 * The rows of one query as the {@code sql} command prints them: column labels, then each row's
 * values as text, the same whether the query ran here or on a server. Not thread-safe.
 */
interface QueryRows extends AutoCloseable {
  /** The column labels, in order. */
  java.util.List<String> columns();

  /**
   * The next row's values as text ({@code null} for SQL NULL), or {@code null} after the last.
   *
   * @throws IllegalArgumentException if the query fails while its rows are read
   */
  @Nullable String @Nullable [] next();

  @Override
  void close();
}
