package io.quiver.wrangler.frame;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Batches of a flow's data read one after another, all of one schema. Not thread-safe; close it to
 * release what it reads from ({@code close()} is idempotent).
 */
public interface FrameStream extends AutoCloseable {

  /** The schema of every batch. */
  Schema schema();

  /**
   * The next batch, or {@code null} at the end.
   *
   * @throws io.quiver.wrangler.flow.FlowException if the data breaks a step's rule
   */
  @Nullable Frame next();

  @Override
  void close();

  /** A stream over batches already in memory. */
  static FrameStream of(Schema schema, List<Frame> frames) {
    Iterator<Frame> it = List.copyOf(frames).iterator();
    return new FrameStream() {
      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public @Nullable Frame next() {
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public void close() {}
    };
  }

  /** Reads the rest of {@code stream} into memory and closes it. */
  static List<Frame> drain(FrameStream stream) {
    try (stream) {
      List<Frame> frames = new ArrayList<>();
      for (Frame f = stream.next(); f != null; f = stream.next()) {
        frames.add(f);
      }
      return frames;
    }
  }
}
