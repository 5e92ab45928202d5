package io.quiver.clarify.bias;

/**
 * Size and outcome counts of one group of rows (d, a, or one facet value).
 *
 * @param rows number of rows
 * @param labelPositives rows whose label is positive
 * @param predictedPositives rows whose predicted label is positive (0 without predictions)
 */
public record GroupSummary(long rows, long labelPositives, long predictedPositives) {

  /** Rejects negative counts and counts above {@code rows}. */
  public GroupSummary {
    if (rows < 0 || labelPositives < 0 || labelPositives > rows) {
      throw new IllegalArgumentException(
          "labelPositives: " + labelPositives + " of " + rows + " rows (expected: 0..rows)");
    }
    if (predictedPositives < 0 || predictedPositives > rows) {
      throw new IllegalArgumentException(
          "predictedPositives: "
              + predictedPositives
              + " of "
              + rows
              + " rows (expected: 0..rows)");
    }
  }

  /** Share of rows with a positive label (0 for an empty group). */
  public double labelPositiveRate() {
    return rows == 0 ? 0 : (double) labelPositives / rows;
  }

  /** Share of rows with a positive prediction (0 for an empty group). */
  public double predictedPositiveRate() {
    return rows == 0 ? 0 : (double) predictedPositives / rows;
  }
}
