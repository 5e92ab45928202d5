package io.quiver.server.limits;

import io.quiver.storage.error.ServiceUnavailableException;
import io.quiver.storage.error.ThrottlingException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool that runs blocking store calls off the event loops: a fixed number of threads
 * and a fixed-size queue; a full pool answers {@link ThrottlingException} instead of queueing more,
 * a closed one {@link ServiceUnavailableException}. Thread-safe; closing drains queued work.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final ThreadPoolExecutor executor;

  /**
   * Starts {@code threads} threads with room for {@code queueCapacity} waiting tasks.
   *
   * @throws IllegalArgumentException if either is not positive
   */
  public WorkerPool(int threads, int queueCapacity) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads: " + threads + " (expected: > 0)");
    }
    if (queueCapacity <= 0) {
      throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: > 0)");
    }
    AtomicInteger counter = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            r -> {
              Thread t = new Thread(r, "quiver-worker-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Runs {@code task} on a worker.
   *
   * @throws ThrottlingException if every worker is busy and the queue is full
   * @throws ServiceUnavailableException if the pool is closed
   */
  public void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      if (executor.isShutdown()) {
        throw new ServiceUnavailableException(
            "Cannot run request: the server is stopping; retry, against another endpoint if there is one");
      }
      throw new ThrottlingException(
          "Rate exceeded: the server is at capacity ("
              + executor.getMaximumPoolSize()
              + " workers, "
              + executor.getQueue().size()
              + " queued); retry with backoff");
    }
  }

  /** Tasks waiting for a worker. */
  public int queued() {
    return executor.getQueue().size();
  }

  /** Stops taking tasks and waits up to 30 seconds for the accepted ones to finish; idempotent. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn(
            "Worker pool did not drain within 30 s; {} tasks abandoned",
            executor.shutdownNow().size());
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
