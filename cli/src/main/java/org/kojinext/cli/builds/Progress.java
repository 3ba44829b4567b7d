package org.kojinext.cli.builds;

import java.io.PrintStream;
import java.util.Locale;
import org.kojinext.cli.Py;

/**
 * Koji's progress meters, hand-rolled (no library to load at start-up): a 36-column bar
 * redrawn with a carriage return. Shown only to a person at a terminal; the commands hide it for
 * --noprogress, --quiet, and output that is not a terminal.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean shown;

    public Progress(PrintStream out, boolean shown) {
        this.out = out;
        this.shown = shown;
    }

    public boolean shown() {
        return shown;
    }

    /** Koji's _download_progress: "[====    ]  42%   1.00 MiB / 2.00 MiB". */
    public void download(long total, long done, Long size) {
        if (!shown) {
            return;
        }
        double fraction = total == 0 ? 0 : (double) done / total;
        String percent = total == 0 ? "???%" : String.format(Locale.ROOT, "%3d%%", (int) (fraction * 100));
        String data = size != null ? formatSize(done) + " / " + formatSize(size) : formatSize(done);
        out.print("[" + Py.left("=".repeat((int) (fraction * 36)), 36) + "] " + Py.right(percent, 4) + " "
                + Py.right(data, 10) + "\r");
        out.flush();
    }

    /** Koji's _progress_callback for uploads: bar, percent, elapsed time, bytes done and speed. */
    public void upload(long done, long total, long piece, double pieceSeconds, double totalSeconds) {
        if (!shown) {
            return;
        }
        double fraction = total == 0 ? 0 : (double) done / total;
        String percent = String.format(Locale.ROOT, "%02d%%", (int) (fraction * 100));
        String speed = "- B/sec";
        if (pieceSeconds > 0) {
            speed = done != total ? formatSize((long) (piece / pieceSeconds)) + "/sec"
                    : formatSize((long) (total / Math.max(totalSeconds, 1e-9))) + "/sec";
        }
        long t = (long) totalSeconds;
        String elapsed = String.format(Locale.ROOT, "%02d:%02d:%02d", t / 3600, t % 3600 / 60, t % 60);
        out.print("[" + Py.left("=".repeat((int) (fraction * 36)), 36) + "] " + Py.right(percent, 4) + " "
                + Py.right(elapsed, 8) + " " + Py.right(formatSize(done), 10) + " " + Py.right(speed, 14) + "\r");
        out.flush();
    }

    /** Ends the meter's line. */
    public void done() {
        if (shown) {
            out.println();
        }
    }

    /** Koji's _format_size: B, KiB, MiB or GiB with two decimals. */
    public static String formatSize(double size) {
        if (size / 1073741824 >= 1) {
            return String.format(Locale.ROOT, "%.2f GiB", size / 1073741824.0);
        }
        if (size / 1048576 >= 1) {
            return String.format(Locale.ROOT, "%.2f MiB", size / 1048576.0);
        }
        if (size / 1024 >= 1) {
            return String.format(Locale.ROOT, "%.2f KiB", size / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f B", size);
    }
}
