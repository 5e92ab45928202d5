package io.quiver.storage;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.record.Record;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a BatchGetRecord: the records found, per-identifier errors, and identifiers left
 * unprocessed. Identifiers of records that do not exist appear in none of the lists.
 *
 * @param records the records found
 * @param errors the identifiers that failed, with why
 * @param unprocessed the entries not processed (always empty in-process; the server uses it)
 */
public record BatchGetResult(
    List<Found> records, List<Failure> errors, List<BatchGetRequest> unprocessed) {
  /** Copies the lists. */
  public BatchGetResult {
    records = List.copyOf(records);
    errors = List.copyOf(errors);
    unprocessed = List.copyOf(unprocessed);
  }

  /**
   * A record found.
   *
   * @param featureGroupName the group as named in the request
   * @param recordIdentifier the identifier as given in the request
   * @param record the values
   * @param expiresAt when the record expires, or {@code null}
   */
  public record Found(
      String featureGroupName,
      String recordIdentifier,
      Record record,
      @Nullable Instant expiresAt) {
    /** Checks that the parts are present. */
    public Found {
      requireNonNull(featureGroupName, "featureGroupName");
      requireNonNull(recordIdentifier, "recordIdentifier");
      requireNonNull(record, "record");
    }
  }

  /**
   * An identifier that could not be read.
   *
   * @param featureGroupName the group as named in the request
   * @param recordIdentifier the identifier as given in the request
   * @param errorCode why
   * @param errorMessage what was wrong
   */
  public record Failure(
      String featureGroupName, String recordIdentifier, ErrorCode errorCode, String errorMessage) {
    /** Checks that the parts are present. */
    public Failure {
      requireNonNull(featureGroupName, "featureGroupName");
      requireNonNull(recordIdentifier, "recordIdentifier");
      requireNonNull(errorCode, "errorCode");
      requireNonNull(errorMessage, "errorMessage");
    }
  }
}
