package io.quiver.wrangler.analyze.profile;

/** What a column holds, as the data quality report classifies it. */
public enum ColumnType {
  /** Numbers with more than two distinct values. */
  NUMERIC,
  /** Text drawn from a limited set of values (a category, a code, an identifier). */
  CATEGORICAL,
  /** Exactly two distinct values (booleans, 0/1, yes/no). */
  BINARY,
  /** Free text: long values, most of them distinct. */
  TEXT,
  /** Dates and times (timestamp columns, or text that is all ISO-8601 dates). */
  DATETIME
}
