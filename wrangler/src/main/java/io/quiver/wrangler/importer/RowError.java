package io.quiver.wrangler.importer;

import static java.util.Objects.requireNonNull;

/**
 * A row that was not imported, and why.
 *
 * @param position where the row is: {@code file:line}, or {@code file: row N}
 * @param message the rule it broke, as the record rules word it
 */
public record RowError(String position, String message) {
  /** Checks that both parts are present. */
  public RowError {
    requireNonNull(position, "position");
    requireNonNull(message, "message");
  }

  /** {@code position: message}. */
  @Override
  public String toString() {
    return position + ": " + message;
  }
}
