package org.keymail.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on standard error for long work (a large message going to the server): what is
 * done, of how much, and the percentage, redrawn in place — only when a person watches standard
 * error on a screen; in scripts, logs and tests it prints nothing. Redrawn only when the shown
 * percentage changes, so a fast transfer does not flood a slow terminal. Used by one thread; {@link
 * #done()} clears the line, so what the command prints next starts on a clean line.
 */
public final class Progress {

  private final PrintStream err;
  private final String what;
  private final long total;
  private final boolean shown;
  private long done;
  private int lastPercent = -1;
  private int lastWidth;

  private Progress(PrintStream err, String what, long total, boolean shown) {
    this.err = err;
    this.what = what;
    this.total = total;
    this.shown = shown;
  }

  /**
   * A progress line for {@code total} bytes of {@code what} ("sending"), shown on {@code
   * terminal}'s standard error when that is a screen.
   */
  public static Progress of(Terminal terminal, String what, long total) {
    return new Progress(
        terminal.err(), what, total, terminal.errShows() == Terminal.ErrShows.ON_A_SCREEN);
  }

  /** Counts {@code bytes} more as done, and redraws the line when its percentage changed. */
  public synchronized void advance(long bytes) {
    done = Math.min(total, done + Math.max(0, bytes));
    int percent = percent(done, total);
    if (shown && percent != lastPercent) {
      lastPercent = percent;
      String line = line(what, done, total);
      // Spaces over what a longer line before left on the screen.
      err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      lastWidth = line.length();
      err.flush();
    }
  }

  /** Ends the work: the line is cleared. */
  public synchronized void done() {
    if (shown && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
      lastWidth = 0;
    }
  }

  /** The line for {@code done} of {@code total} bytes: {@code sending 12.5 MB of 50.0 MB (25%)}. */
  static String line(String what, long done, long total) {
    return what + " " + size(done) + " of " + size(total) + " (" + percent(done, total) + "%)";
  }

  private static int percent(long done, long total) {
    return total <= 0 ? 100 : (int) (done * 100 / total);
  }

  /** A size as people read it, with one decimal above a kilobyte. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
    return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024.0 * 1024.0));
  }
}
