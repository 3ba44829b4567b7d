package org.kojinext.cli.io;

import java.io.PrintStream;
import java.util.Locale;
import org.kojinext.cli.Py;
import org.kojinext.protocol.Uploader;

/**
 * Koji's progress meters for downloads and uploads, hand-rolled (no library to load at
 * start-up): a 36-column bar redrawn with a carriage return. Shown only to a person at a
 * terminal; the commands hide it for --noprogress, --quiet, and output that is not a terminal.
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

    /**
     * A listener for an upload that redraws Koji's upload line after each chunk; it times the
     * chunks from now on, for the speed Koji shows.
     */
    public Uploader.Progress upload() {
        long start = System.nanoTime();
        long[] last = {0, start};
        return (done, total) -> {
            long now = System.nanoTime();
            double piece = done - last[0];
            double chunkSecs = (now - last[1]) / 1e9;
            last[0] = done;
            last[1] = now;
            if (shown) {
                out.print(uploadLine(done, total, piece, chunkSecs, (now - start) / 1e9) + "\r");
                out.flush();
            }
        };
    }

    /** Koji's _progress_callback: bar, percent, elapsed time, bytes done and speed. */
    static String uploadLine(long done, long total, double piece, double chunkSecs, double totalSecs) {
        double fraction = total == 0 ? 0 : (double) done / total;
        String speed = "- B/sec";
        if (chunkSecs > 0) {
            speed = done != total ? formatSize(piece / chunkSecs) + "/sec"
                    : formatSize(totalSecs > 0 ? total / totalSecs : 0) + "/sec";
        }
        String percent = String.format(Locale.ROOT, "%02d%%", (int) (fraction * 100));
        return "[" + Py.left("=".repeat((int) (fraction * 36)), 36) + "] " + Py.right(percent, 4) + " "
                + Py.right(formatSecs(totalSecs), 8) + " " + Py.right(formatSize(done), 10) + " "
                + Py.right(speed, 14);
    }

    /** Ends the meter's line. */
    public void done() {
        if (shown) {
            out.println();
        }
    }

    /** Koji's _format_size: B, KiB, MiB or GiB with two decimals. */
    public static String formatSize(double size) {
        if (size >= 1073741824) {
            return String.format(Locale.ROOT, "%.2f GiB", size / 1073741824.0);
        }
        if (size >= 1048576) {
            return String.format(Locale.ROOT, "%.2f MiB", size / 1048576.0);
        }
        if (size >= 1024) {
            return String.format(Locale.ROOT, "%.2f KiB", size / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f B", size);
    }

    /** Koji's _format_secs: HH:MM:SS. */
    static String formatSecs(double t) {
        long s = (long) t;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }
}
