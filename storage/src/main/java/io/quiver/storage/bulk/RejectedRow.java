package io.quiver.storage.bulk;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.error.QuiverException;

/**
 * A row of a bulk load's batch that breaks a PutRecord rule.
 *
 * @param row the row's index in its batch
 * @param error what PutRecord of the row would have thrown
 */
public record RejectedRow(int row, QuiverException error) {
  /** Checks the error is present. */
  public RejectedRow {
    requireNonNull(error, "error");
  }
}
