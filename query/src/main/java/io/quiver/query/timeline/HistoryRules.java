package io.quiver.query.timeline;

/**
 * Which rows of a feature group's history count, as the SageMaker DatasetBuilder decides
 * (sagemaker-api.md section 3.5): rows written at or before {@code asOfMicros}, with event times in
 * {@code [fromMicros, toMicros]}; unless {@code includeDuplicated}, one row per (identifier, event
 * time), the one with the greatest api_invocation_time then write_time; unless {@code
 * includeDeleted}, only rows later than the identifier's newest deletion marker. Markers are not
 * output unless {@code includeMarkers}.
 *
 * @param asOfMicros the latest write time to see (time travel)
 * @param fromMicros the earliest event time, inclusive
 * @param toMicros the latest event time, inclusive
 * @param includeDeleted keep rows that a later deletion marker removed
 * @param includeDuplicated keep every row of an (identifier, event time)
 * @param includeMarkers output deletion markers too, as rows (raw SQL history)
 */
public record HistoryRules(
    long asOfMicros,
    long fromMicros,
    long toMicros,
    boolean includeDeleted,
    boolean includeDuplicated,
    boolean includeMarkers) {

  /** Checks the range. */
  public HistoryRules {
    if (fromMicros > toMicros) {
      throw new IllegalArgumentException(
          "fromMicros: " + fromMicros + " (expected: <= toMicros " + toMicros + ")");
    }
  }

  /** Rules that never output deletion markers. */
  public HistoryRules(
      long asOfMicros,
      long fromMicros,
      long toMicros,
      boolean includeDeleted,
      boolean includeDuplicated) {
    this(asOfMicros, fromMicros, toMicros, includeDeleted, includeDuplicated, false);
  }

  /** The defaults: everything written, all event times, deduplicated, deletes applied. */
  public static HistoryRules defaults() {
    return new HistoryRules(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, false, false);
  }

  /** Every row as written, deletion markers included: what SQL sees. */
  public static HistoryRules raw() {
    return new HistoryRules(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, true, true, true);
  }
}
