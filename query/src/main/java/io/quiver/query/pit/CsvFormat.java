package io.quiver.query.pit;

import org.jspecify.annotations.Nullable;

/**
 * Writes RFC 4180 CSV fields: quoted with double quotes when they hold a comma, quote or line
 * break. {@link io.quiver.query.csv.CsvReader} reads them. Stateless.
 */
public final class CsvFormat {
  private CsvFormat() {}

  /** The CSV form of one field; null is the empty field. */
  public static String quote(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
