package io.quiver.wrangler.source;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row read from a source: column names with their values, and where the row was found.
 *
 * <p>Values are {@code null} (missing or empty), {@link String}, {@link Long}, {@link Double},
 * {@link java.math.BigDecimal}, {@link Boolean}, {@link java.time.Instant}, {@link
 * java.time.LocalDate}, or a {@link List} of these. A text source (CSV) gives only strings; typed
 * sources give the type the input declared.
 *
 * @param position where the row is, for messages: {@code file:line} or {@code file: row N}
 * @param names the column names, shared by the rows of one file
 * @param values the values, one per name; not copied, so a source must not reuse the list
 */
public record SourceRow(String position, List<String> names, List<@Nullable Object> values) {
  /** Checks that every name has a value. */
  public SourceRow {
    requireNonNull(position, "position");
    requireNonNull(names, "names");
    requireNonNull(values, "values");
    if (names.size() != values.size()) {
      throw new IllegalArgumentException(
          "values: " + values.size() + " (expected: one per name, " + names.size() + ")");
    }
  }
}
