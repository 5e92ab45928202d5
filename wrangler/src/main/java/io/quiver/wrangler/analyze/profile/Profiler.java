package io.quiver.wrangler.analyze.profile;

import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.input.BatchSource;
import io.quiver.wrangler.analyze.input.SourceBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Profiles a dataset in one pass: {@code threads} workers each pull batches from the source and
 * profile them into a partial profile of their own; the partial profiles are merged when the source
 * is exhausted. The calling thread waits and reports progress. Stateless and thread-safe.
 */
public final class Profiler {
  private Profiler() {}

  /**
   * Profiles every row of {@code source} (which stays open) on threads of its own.
   *
   * @throws io.quiver.wrangler.source.SourceException if the source is malformed
   * @throws java.io.UncheckedIOException if reading fails
   */
  public static DatasetProfile profile(
      BatchSource source, ProfileOptions options, ProfileListener listener) {
    ExecutorService workers =
        Executors.newFixedThreadPool(
            options.threads(),
            task -> {
              Thread thread = new Thread(task, "quiver-profile");
              thread.setDaemon(true);
              return thread;
            });
    try {
      return profile(source, options, listener, workers);
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * Profiles every row of {@code source} with {@code options.threads()} tasks on {@code workers}.
   *
   * @throws io.quiver.wrangler.source.SourceException if the source is malformed
   * @throws java.io.UncheckedIOException if reading fails
   */
  public static DatasetProfile profile(
      BatchSource source,
      ProfileOptions options,
      ProfileListener listener,
      ExecutorService workers) {
    List<AnalysisColumn> columns = source.columns();
    AtomicLong rows = new AtomicLong();
    List<CompletableFuture<PartialProfile>> tasks = new ArrayList<>();
    for (int t = 0; t < options.threads(); t++) {
      tasks.add(
          CompletableFuture.supplyAsync(
              () -> {
                PartialProfile partial = new PartialProfile(columns, options);
                for (SourceBatch batch = source.next(); batch != null; batch = source.next()) {
                  partial.add(batch);
                  rows.addAndGet(batch.batch().rowCount());
                }
                return partial;
              },
              workers));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(tasks.toArray(new CompletableFuture[0]));
    long intervalMillis = options.progressInterval().toMillis();
    while (true) {
      try {
        all.get(intervalMillis, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        listener.onProgress(rows.get(), source.fractionRead());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        all.cancel(true);
        throw new IllegalStateException("Cannot finish the profile: interrupted", e);
      } catch (ExecutionException e) {
        throw unwrap(e.getCause());
      }
    }
    PartialProfile merged = tasks.get(0).join();
    for (int t = 1; t < tasks.size(); t++) {
      merged.merge(tasks.get(t).join());
    }
    long[] invalid = new long[columns.size()];
    for (int c = 0; c < invalid.length; c++) {
      invalid[c] = source.invalidValues(c);
    }
    return merged.finish(columns, invalid);
  }

  private static RuntimeException unwrap(Throwable cause) {
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException("Cannot finish the profile: " + cause.getMessage(), cause);
  }
}
