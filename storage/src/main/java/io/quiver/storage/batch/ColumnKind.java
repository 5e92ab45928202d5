package io.quiver.storage.batch;

/** How a column is held in memory once read. */
public enum ColumnKind {
  /** 64-bit integers (Integral features). */
  LONG,
  /** Doubles (Fractional features). */
  DOUBLE,
  /** Strings (String features). */
  STRING,
  /** Microseconds since the epoch, from any Parquet timestamp encoding. */
  TIMESTAMP_MICROS,
  /** Booleans, held as 0 and 1 in the long array. */
  BOOLEAN,
  /**
   * Lists (vectors, token lists): per row a slice of one child vector of the element kind, bounded
   * by an offsets array of size + 1 entries (Arrow's list layout, on the heap).
   */
  LIST
}
