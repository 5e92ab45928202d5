package io.quiver.storage;

import io.quiver.storage.error.QuiverException;
import org.jspecify.annotations.Nullable;

/**
 * How far a {@link QuiverStore#tryPutRecords} got: the records before the first refused one are
 * written, committed together; none from it on.
 *
 * @param written how many records, from the first, were written
 * @param refused why the next record was refused, or {@code null} if every record was written
 */
public record PutRecordsResult(int written, @Nullable QuiverException refused) {
  /**
   * Checks the count.
   *
   * @throws IllegalArgumentException if {@code written} is negative
   */
  public PutRecordsResult {
    if (written < 0) {
      throw new IllegalArgumentException("written: " + written + " (expected: >= 0)");
    }
  }
}
