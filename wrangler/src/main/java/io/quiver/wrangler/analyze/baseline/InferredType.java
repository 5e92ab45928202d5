package io.quiver.wrangler.analyze.baseline;

import io.quiver.storage.batch.ColumnKind;

/** The {@code inferred_type} names of Model Monitor files, and how Quiver's kinds map to them. */
final class InferredType {
  static final String INTEGRAL = "Integral";
  static final String FRACTIONAL = "Fractional";
  static final String STRING = "String";
  static final String UNKNOWN = "Unknown";

  private InferredType() {}

  /** Integers and booleans are Integral, doubles Fractional, text, times and lists String. */
  static String of(ColumnKind kind) {
    return switch (kind) {
      case LONG, BOOLEAN -> INTEGRAL;
      case DOUBLE -> FRACTIONAL;
      case STRING, TIMESTAMP_MICROS, LIST -> STRING;
    };
  }
}
