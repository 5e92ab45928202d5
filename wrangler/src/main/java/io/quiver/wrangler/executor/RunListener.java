package io.quiver.wrangler.executor;

import java.util.List;

/**
 * Hears how a flow run goes: fit passes, rows processed, destinations written. Called from the
 * run's calling thread only; implementations need not be thread-safe.
 */
public interface RunListener {

  /** A fit pass starts, fitting {@code nodeIds}. */
  default void onFitStarted(int pass, List<String> nodeIds) {}

  /**
   * Progress of a stage ({@code fit pass 1}, {@code destination 'out'}): rows so far and how much
   * of the source is read (0 to 1, or NaN if unknown). Called about once a batch.
   */
  default void onProgress(String stage, long rows, double fractionRead) {}

  /** A destination is written: how many rows, and where. */
  default void onDestinationWritten(String nodeId, long rows, String location) {}

  /** A listener that ignores everything. */
  static RunListener silent() {
    return new RunListener() {};
  }
}
