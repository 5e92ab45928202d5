package io.quiver.wrangler.transform;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.ColumnWriter;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A whole input held in memory as one frame, for table steps: gathering, picking rows, comparing
 * values, and cutting the result back into batches. Stateless.
 */
final class Tables {
  /** Rows per batch handed on by table steps. */
  static final int BATCH_ROWS = 16_384;

  private Tables() {}

  /** Reads all of {@code input} into one frame and closes it. */
  static Frame gather(FrameStream input) {
    Schema schema = input.schema();
    List<Frame> frames = FrameStream.drain(input);
    if (frames.size() == 1) {
      return frames.get(0);
    }
    int rows = frames.stream().mapToInt(Frame::rowCount).sum();
    List<ColumnVector> vectors = new ArrayList<>();
    for (int c = 0; c < schema.size(); c++) {
      ColumnWriter w = ColumnWriter.of(schema.column(c).type(), rows);
      for (Frame f : frames) {
        ColumnVector v = f.vector(c);
        for (int r = 0; r < f.rowCount(); r++) {
          w.append(v, r);
        }
      }
      vectors.add(w.finish());
    }
    return new Frame(schema, new ColumnBatch(rows, vectors));
  }

  /** The rows {@code rows} of {@code frame}, in that order, as batches. */
  static FrameStream pick(Frame frame, int[] rows) {
    List<Frame> out = new ArrayList<>();
    for (int from = 0; from < rows.length || (from == 0 && out.isEmpty()); from += BATCH_ROWS) {
      int to = Math.min(rows.length, from + BATCH_ROWS);
      out.add(select(frame, Arrays.copyOfRange(rows, from, to)));
      if (rows.length == 0) {
        break;
      }
    }
    return FrameStream.of(frame.schema(), out);
  }

  /** One frame of rows {@code rows} of {@code frame}. */
  static Frame select(Frame frame, int[] rows) {
    List<ColumnVector> vectors = new ArrayList<>();
    for (int c = 0; c < frame.schema().size(); c++) {
      ColumnWriter w = ColumnWriter.of(frame.schema().column(c).type(), rows.length);
      ColumnVector v = frame.vector(c);
      for (int r : rows) {
        w.append(v, r);
      }
      vectors.add(w.finish());
    }
    return new Frame(frame.schema(), new ColumnBatch(rows.length, vectors));
  }

  /** 0, 1, ..., n - 1. */
  static int[] identity(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /**
   * Compares row {@code a} with row {@code b} of a column; nulls first (Spark's ascending order),
   * numbers by value, text by code unit, booleans false first.
   */
  static int compare(ColumnVector v, DataType type, int a, int b) {
    boolean na = v.isNull(a);
    boolean nb = v.isNull(b);
    if (na || nb) {
      return na == nb ? 0 : na ? -1 : 1;
    }
    return switch (type) {
      case LONG, BOOLEAN, DATE, TIMESTAMP -> Long.compare(v.getLong(a), v.getLong(b));
      case DOUBLE -> Double.compare(v.getDouble(a), v.getDouble(b));
      case STRING -> v.getString(a).compareTo(v.getString(b));
      default -> String.valueOf(v.get(a)).compareTo(String.valueOf(v.get(b)));
    };
  }

  /**
   * A value usable as a hash key: numbers that are whole compare equal as long and double (Spark
   * compares them after widening), NaN equals NaN; null stays null.
   */
  static @Nullable Object key(ColumnVector v, DataType type, int r) {
    if (v.isNull(r)) {
      return null;
    }
    if (type == DataType.DOUBLE) {
      double d = v.getDouble(r);
      if (d == Math.rint(d) && Math.abs(d) < 9.0e18) {
        return (long) d;
      }
      return d == 0 ? 0.0 : d;
    }
    return v.get(r);
  }

  /** Checks that {@code columns} exist in {@code schema} and returns their positions. */
  static int[] columns(Schema schema, List<String> columns, String role) {
    int[] positions = new int[columns.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = schema.indexOf(columns.get(i));
      if (positions[i] < 0) {
        throw new StepException(
            role
                + " column '"
                + columns.get(i)
                + "' does not exist (columns: "
                + String.join(", ", schema.names())
                + ")");
      }
    }
    return positions;
  }

  /** A schema with {@code extra} appended. */
  static Schema append(Schema schema, Column extra) {
    List<Column> columns = new ArrayList<>(schema.columns());
    columns.add(extra);
    return new Schema(columns);
  }
}
