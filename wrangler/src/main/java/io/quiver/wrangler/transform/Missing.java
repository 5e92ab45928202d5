package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Row;

/**
 * What a missing value is, as Data Wrangler's handle-missing transforms decide it: null; for text
 * also empty or white space only; for numbers also NaN.
 */
final class Missing {
  private Missing() {}

  static boolean isMissing(Row row, int s, DataType type) {
    if (row.isNull(s)) {
      return true;
    }
    return switch (type) {
      case STRING -> row.getString(s).isBlank();
      case DOUBLE -> Double.isNaN(row.getDouble(s));
      default -> false;
    };
  }
}
