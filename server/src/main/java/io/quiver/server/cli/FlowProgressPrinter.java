package io.quiver.server.cli;

import io.quiver.wrangler.executor.RunListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;

/**
 * Shows a flow run's progress on standard error: on a terminal, a line redrawn in place (stage,
 * rows, share of the source read); otherwise a line every few seconds, for logs. Not thread-safe:
 * the runner calls it from its calling thread.
 */
final class FlowProgressPrinter implements RunListener {
  private static final Duration TERMINAL_EVERY = Duration.ofMillis(200);
  private static final Duration LOG_EVERY = Duration.ofSeconds(5);

  private final PrintWriter err;
  private final boolean terminal;
  private final InstantSource clock;
  private Instant last = Instant.MIN;
  private boolean shown;

  private FlowProgressPrinter(PrintWriter err, boolean terminal, InstantSource clock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
  }

  static FlowProgressPrinter of(PrintWriter err, InstantSource clock) {
    return new FlowProgressPrinter(err, System.console() != null, clock);
  }

  @Override
  public void onFitStarted(int pass, List<String> nodeIds) {
    clear();
    err.println("quiver: fit pass " + pass + ": fitting " + String.join(", ", nodeIds));
    err.flush();
  }

  @Override
  public void onProgress(String stage, long rows, double fractionRead) {
    Instant now = clock.instant();
    if (Duration.between(last, now).compareTo(terminal ? TERMINAL_EVERY : LOG_EVERY) < 0) {
      return;
    }
    last = now;
    String text =
        String.format(Locale.ROOT, "%s: %,d rows", stage, rows)
            + (Double.isNaN(fractionRead)
                ? ""
                : String.format(Locale.ROOT, ", %.0f%% read", fractionRead * 100));
    if (terminal) {
      err.print("\r" + text + "\u001b[K");
      shown = true;
    } else {
      err.println("quiver: " + text);
    }
    err.flush();
  }

  @Override
  public void onDestinationWritten(String nodeId, long rows, String location) {
    clear();
  }

  private void clear() {
    if (shown) {
      err.print("\r\u001b[K");
      shown = false;
    }
  }

  /** Ends the progress line. */
  void finish() {
    clear();
    err.flush();
  }
}
