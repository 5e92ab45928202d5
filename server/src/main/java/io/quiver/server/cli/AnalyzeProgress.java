package io.quiver.server.cli;

import io.quiver.wrangler.analyze.profile.ProfileListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a profiling pass's progress on standard error: a line redrawn in place on a terminal, a
 * plain line per report otherwise. Called on the profiling command's thread only.
 */
final class AnalyzeProgress implements ProfileListener {
  private final PrintWriter err;
  private final boolean terminal;
  private final long started;
  private boolean shown;

  AnalyzeProgress(PrintWriter err, boolean terminal, long startedNanos) {
    this.err = err;
    this.terminal = terminal;
    this.started = startedNanos;
  }

  @Override
  public void onProgress(long rows, double fraction) {
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    String text =
        String.format(Locale.ROOT, "%,d rows profiled, %,.0f rows/s", rows, rows / seconds)
            + (Double.isNaN(fraction)
                ? ""
                : String.format(Locale.ROOT, ", %.0f%% read", 100 * fraction));
    if (terminal) {
      err.print("\r" + text + "\u001b[K");
      shown = true;
    } else {
      err.println("quiver: analyze progress: " + text);
    }
    err.flush();
  }

  /** Ends the redrawn line. */
  void finish() {
    if (shown) {
      err.println();
      err.flush();
      shown = false;
    }
  }
}
