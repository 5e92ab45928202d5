package io.quiver.wrangler.analyze.profile;

/** Hears how far a profiling pass has got; called on the thread that runs the profiler. */
@FunctionalInterface
public interface ProfileListener {
  /** Ignores progress. */
  ProfileListener NONE = (rows, fraction) -> {};

  /**
   * Reports progress.
   *
   * @param rows rows profiled so far
   * @param fraction how much of the input has been read, 0 to 1, or NaN if unknown
   */
  void onProgress(long rows, double fraction);
}
