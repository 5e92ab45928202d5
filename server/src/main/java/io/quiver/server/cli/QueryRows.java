package io.quiver.server.cli;

import org.jspecify.annotations.Nullable;

/**
 * The rows of one query as the {@code sql} command prints them: column labels, then each row's
 * values as text, the same whether the query ran here or on a server. Not thread-safe.
 */
interface QueryRows extends AutoCloseable {
  /** The column labels, in order. */
  java.util.List<String> columns();

  /** What each column holds, in order, for output that keeps types (JSON). */
  java.util.List<Kind> kinds();

  /** What a column's values are, as far as typed output cares. */
  enum Kind {
    NUMBER,
    BOOLEAN,
    TEXT;

    /** The kind of a column of JDBC type {@code sqlType} ({@link java.sql.Types}). */
    static Kind ofSqlType(int sqlType) {
      return switch (sqlType) {
        case java.sql.Types.TINYINT,
            java.sql.Types.SMALLINT,
            java.sql.Types.INTEGER,
            java.sql.Types.BIGINT,
            java.sql.Types.REAL,
            java.sql.Types.FLOAT,
            java.sql.Types.DOUBLE,
            java.sql.Types.DECIMAL,
            java.sql.Types.NUMERIC ->
            NUMBER;
        case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> BOOLEAN;
        default -> TEXT;
      };
    }
  }

  /**
   * The next row's values as text ({@code null} for SQL NULL), or {@code null} after the last.
   *
   * @throws IllegalArgumentException if the query fails while its rows are read
   */
  @Nullable String @Nullable [] next();

  @Override
  void close();
}
