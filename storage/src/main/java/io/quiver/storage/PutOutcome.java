package io.quiver.storage;

import io.quiver.storage.error.QuiverException;
import org.jspecify.annotations.Nullable;

/**
 * What became of one {@link RecordPut} of a {@link QuiverStore#tryPutEach group commit}.
 *
 * @param kind written, refused, or not tried because it would have had to wait
 * @param refusal why it was refused (only for {@link Kind#REFUSED}): the error PutRecord throws
 */
public record PutOutcome(Kind kind, @Nullable QuiverException refusal) {
  private static final PutOutcome WRITTEN = new PutOutcome(Kind.WRITTEN, null);
  private static final PutOutcome WOULD_WAIT = new PutOutcome(Kind.WOULD_WAIT, null);

  /** The three ends of a put in a group commit. */
  public enum Kind {
    /** Committed durably (WAL), with the others of its commit. */
    WRITTEN,
    /** Refused as PutRecord would refuse it; nothing of it is written. */
    REFUSED,
    /**
     * Not written because it would have had to wait (a write stall, an fsync, another writer
     * holding its identifier's lock): make it with {@link QuiverStore#putRecord} where waiting is
     * allowed.
     */
    WOULD_WAIT
  }

  /**
   * Checks that a refusal comes with its reason and only then.
   *
   * @throws IllegalArgumentException if {@code refusal} is missing for a refusal or present
   *     otherwise
   */
  public PutOutcome {
    if ((kind == Kind.REFUSED) != (refusal != null)) {
      throw new IllegalArgumentException(
          "refusal: " + refusal + " (expected: a reason exactly when the kind is REFUSED)");
    }
  }

  /** The put was committed. */
  public static PutOutcome written() {
    return WRITTEN;
  }

  /** The put was not tried: it would have had to wait. */
  public static PutOutcome wouldWait() {
    return WOULD_WAIT;
  }

  /** The put was refused for {@code reason}. */
  public static PutOutcome refused(QuiverException reason) {
    return new PutOutcome(Kind.REFUSED, reason);
  }
}
