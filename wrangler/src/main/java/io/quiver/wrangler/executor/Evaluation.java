package io.quiver.wrangler.executor;

import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Pipe}'s tasks on the worker pool, at most {@code window} at a time, and hands their
 * batches back in order: reading, parsing and transforming overlap on every core while memory stays
 * bounded by the window. Not thread-safe: one consumer.
 */
final class Evaluation implements FrameStream {
  private final Pipe pipe;
  private final ExecutorService pool;
  private final int window;
  private final Deque<Future<Frame>> pending = new ArrayDeque<>();
  private boolean exhausted;
  private boolean closed;

  Evaluation(Pipe pipe, ExecutorService pool, int window) {
    this.pipe = pipe;
    this.pool = pool;
    this.window = window;
  }

  @Override
  public Schema schema() {
    return pipe.schema();
  }

  /** How far the source has been read. */
  double fractionRead() {
    return pipe.fractionRead();
  }

  @Override
  public @Nullable Frame next() {
    while (!exhausted && pending.size() < window) {
      Callable<Frame> task = pipe.next();
      if (task == null) {
        exhausted = true;
      } else {
        pending.add(pool.submit(task));
      }
    }
    Future<Frame> head = pending.poll();
    if (head == null) {
      return null;
    }
    try {
      return head.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("The flow run was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("A batch task failed", cause);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Future<Frame> f : pending) {
      f.cancel(true);
    }
    pending.clear();
    pipe.close();
  }
}
