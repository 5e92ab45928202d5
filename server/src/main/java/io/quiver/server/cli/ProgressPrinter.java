package io.quiver.server.cli;

import io.quiver.wrangler.importer.ImportListener;
import io.quiver.wrangler.importer.ImportProgress;
import io.quiver.wrangler.importer.RowError;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows an import's progress: on a terminal, a bar redrawn in place (rows, rows/s, ETA); otherwise
 * a plain line per report, for logs. Rejected rows are printed, the first {@value #MAX_ERRORS} in
 * full. Not thread-safe: the importer calls it from its one reading thread.
 */
final class ProgressPrinter implements ImportListener {
  static final int MAX_ERRORS = 100;
  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private long errors;
  private boolean barShown;
  private String lastStep = "";
  private long lastTenth = -1;

  ProgressPrinter(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void onProgress(ImportProgress progress) {
    if (terminal) {
      err.print("\r" + bar(progress) + "\u001b[K");
      barShown = true;
    } else {
      err.println("quiver: import progress: " + line(progress));
    }
    err.flush();
  }

  @Override
  public void onRowRejected(RowError error) {
    errors++;
    if (errors <= MAX_ERRORS) {
      clearBar();
      err.println("quiver: rejected " + error);
    } else if (errors == MAX_ERRORS + 1) {
      clearBar();
      err.println("quiver: more rows rejected; only the first " + MAX_ERRORS + " are shown");
    }
    err.flush();
  }

  @Override
  public void onWriteProgress(String step, long done, long total) {
    String line =
        total > 0
            ? String.format(Locale.ROOT, "%s: %,d of %,d", step, done, total)
            : String.format(Locale.ROOT, "%s: %,d", step, done);
    if (terminal) {
      err.print("\r" + line + "\u001b[K");
      barShown = true;
    } else {
      // A log gets a line per tenth of a step, not one per file.
      long tenth = total > 0 ? done * 10 / total : -1;
      if (!step.equals(lastStep) || tenth != lastTenth) {
        err.println("quiver: import progress: " + line);
      }
      lastStep = step;
      lastTenth = tenth;
    }
    err.flush();
  }

  @Override
  public void onWarning(String message) {
    clearBar();
    err.println("quiver: warning: " + message);
    err.flush();
  }

  /** Ends the bar's line, so that what follows starts on a fresh one. */
  void finish() {
    if (barShown) {
      err.println();
      err.flush();
      barShown = false;
    }
  }

  private void clearBar() {
    if (barShown) {
      err.print("\r\u001b[K");
      barShown = false;
    }
  }

  static String bar(ImportProgress p) {
    StringBuilder text = new StringBuilder();
    double fraction = p.fractionRead();
    if (!Double.isNaN(fraction)) {
      int filled = (int) Math.round(Math.min(1, fraction) * BAR_WIDTH);
      text.append('[')
          .append("#".repeat(filled))
          .append(" ".repeat(BAR_WIDTH - filled))
          .append("] ");
      text.append(String.format(Locale.ROOT, "%3.0f%% ", fraction * 100));
    }
    return text.append(line(p)).toString();
  }

  static String line(ImportProgress p) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT, "%,d rows, %,.0f rows/s", p.rowsWritten(), p.rowsPerSecond()));
    if (p.rowsSkipped() > 0) {
      text.append(String.format(Locale.ROOT, ", %,d skipped", p.rowsSkipped()));
    }
    p.remaining().ifPresent(eta -> text.append(", ETA ").append(clock(eta)));
    return text.toString();
  }

  private static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
