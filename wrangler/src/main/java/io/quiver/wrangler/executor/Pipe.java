package io.quiver.wrangler.executor;

import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Schema;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * A node output as a sequence of batch tasks, each computing one batch on whatever thread runs it:
 * sources return tasks that parse a chunk, row-wise nodes wrap their input's tasks, so a whole
 * chain of row-wise work runs in parallel on the worker pool. Not thread-safe: one thread asks for
 * tasks; close it to release its source.
 */
interface Pipe extends AutoCloseable {

  /** The schema of every batch. */
  Schema schema();

  /** The next task, or {@code null} at the end. */
  @Nullable Callable<Frame> next();

  /** How far the source under this pipe has been read, 0 to 1, or NaN if unknown. */
  double fractionRead();

  @Override
  void close();

  /** The tasks of {@code input} with {@code program} applied to each batch. */
  static Pipe mapped(Pipe input, RowProgram program) {
    return new Pipe() {
      @Override
      public Schema schema() {
        return program.output();
      }

      @Override
      public @Nullable Callable<Frame> next() {
        Callable<Frame> task = input.next();
        return task == null ? null : () -> program.apply(task.call());
      }

      @Override
      public double fractionRead() {
        return input.fractionRead();
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  /** Batches already computed (a table step's output) as a pipe. */
  static Pipe of(FrameStream frames) {
    return new Pipe() {
      @Override
      public Schema schema() {
        return frames.schema();
      }

      @Override
      public @Nullable Callable<Frame> next() {
        Frame frame = frames.next();
        return frame == null ? null : () -> frame;
      }

      @Override
      public double fractionRead() {
        return Double.NaN;
      }

      @Override
      public void close() {
        frames.close();
      }
    };
  }
}
