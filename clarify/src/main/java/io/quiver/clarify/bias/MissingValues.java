package io.quiver.clarify.bias;

/**
 * What a bias analysis does with a row that has no value in a column it reads (label, facet,
 * predicted label, group variable): features are often missing in a feature store.
 */
public enum MissingValues {
  /** Leave the row out and count it ({@link BiasAnalysis#rowsSkipped()}). */
  SKIP,
  /** Refuse the analysis at the first such row, naming it. */
  FAIL
}
