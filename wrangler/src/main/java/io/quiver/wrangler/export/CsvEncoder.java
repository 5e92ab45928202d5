package io.quiver.wrangler.export;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.ValueCasts;
import java.util.List;

/**
 * Encodes batches as CSV text (UTF-8, a header line, RFC 4180 quoting where a value needs it):
 * values as Spark's cast to string writes them (dates {@code yyyy-MM-dd}, datetimes ISO-8601 UTC,
 * vectors and arrays as {@code [a, b]}), null as an empty cell. Stateless.
 */
final class CsvEncoder {
  private CsvEncoder() {}

  static byte[] encode(Schema schema, List<Frame> frames, char delimiter, boolean header) {
    StringBuilder out = new StringBuilder(1 << 16);
    if (header) {
      for (int c = 0; c < schema.size(); c++) {
        if (c > 0) {
          out.append(delimiter);
        }
        append(out, schema.column(c).name(), delimiter);
      }
      out.append('\n');
    }
    int n = schema.size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Row row = new Row(n);
    for (Frame frame : frames) {
      RowLoader loader = new RowLoader(frame, all, all);
      for (int r = 0; r < frame.rowCount(); r++) {
        loader.load(r, row);
        for (int c = 0; c < n; c++) {
          if (c > 0) {
            out.append(delimiter);
          }
          String text = ValueCasts.toText(row, c, schema.column(c).type());
          if (text != null) {
            append(out, text, delimiter);
          }
        }
        out.append('\n');
      }
    }
    return out.toString().getBytes(UTF_8);
  }

  private static void append(StringBuilder out, String text, char delimiter) {
    boolean quote = text.isEmpty();
    for (int i = 0; i < text.length() && !quote; i++) {
      char ch = text.charAt(i);
      quote = ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
    }
    if (!quote) {
      out.append(text);
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        out.append('"');
      }
      out.append(ch);
    }
    out.append('"');
  }
}
