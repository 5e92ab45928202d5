package io.quiver.wrangler.analyze.input;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The frames of a flow as batches, handed out one caller at a time (the flow computes them on its
 * own threads). List columns (vectors, token lists) are left out: a profile describes scalars.
 * Thread-safe.
 */
final class FrameBatchSource implements BatchSource {
  private final FrameStream frames;
  private final List<AnalysisColumn> columns = new ArrayList<>();
  private final int[] kept;
  private long nextRow;
  private boolean closed;

  FrameBatchSource(FrameStream frames) {
    this.frames = frames;
    List<Integer> keep = new ArrayList<>();
    List<Column> all = frames.schema().columns();
    for (int i = 0; i < all.size(); i++) {
      ColumnKind kind = all.get(i).type().kind();
      if (kind != ColumnKind.LIST) {
        keep.add(i);
        columns.add(new AnalysisColumn(all.get(i).name(), kind));
      }
    }
    this.kept = keep.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public List<AnalysisColumn> columns() {
    return List.copyOf(columns);
  }

  @Override
  public synchronized @Nullable SourceBatch next() {
    if (closed) {
      return null;
    }
    Frame frame = frames.next();
    if (frame == null) {
      return null;
    }
    ColumnBatch batch = frame.batch();
    if (kept.length != batch.columns().size()) {
      List<ColumnVector> vectors = new ArrayList<>(kept.length);
      for (int i : kept) {
        vectors.add(batch.column(i));
      }
      batch = new ColumnBatch(frame.rowCount(), vectors);
    }
    SourceBatch numbered = new SourceBatch(nextRow, batch);
    nextRow += frame.rowCount();
    return numbered;
  }

  @Override
  public double fractionRead() {
    return Double.NaN;
  }

  @Override
  public synchronized void close() {
    closed = true;
    frames.close();
  }
}
