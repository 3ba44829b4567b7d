package org.kojinext.cli.commands.tasks;

import java.io.PrintStream;
import java.util.Locale;
import org.kojinext.protocol.Uploader;

/**
 * Koji's upload progress line, redrawn in place after each chunk: a 36-column bar, percent,
 * elapsed time, bytes sent and the speed of the last chunk (of the whole upload once done).
 * Written to standard error so that standard output stays what Koji prints there.
 */
final class UploadProgress implements Uploader.Progress {
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastTime = start;
    private long lastDone;

    UploadProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void update(long done, long total) {
        long now = System.nanoTime();
        double piece = done - lastDone;
        double chunkSecs = (now - lastTime) / 1e9;
        double totalSecs = (now - start) / 1e9;
        lastDone = done;
        lastTime = now;
        err.print(line(done, total, piece, chunkSecs, totalSecs) + "\r");
        err.flush();
    }

    static String line(long done, long total, double piece, double chunkSecs, double totalSecs) {
        double fraction = total == 0 ? 0.0 : (double) done / total;
        String speed = "- B/sec";
        if (chunkSecs > 0) {
            speed = done != total ? size(piece / chunkSecs) + "/sec"
                    : size(totalSecs > 0 ? total / totalSecs : 0) + "/sec";
        }
        String bar = "=".repeat((int) (fraction * 36));
        return String.format(Locale.ROOT, "[%-36s] %4s %8s %10s %14s", bar,
                String.format(Locale.ROOT, "%02d%%", (int) (fraction * 100)), secs(totalSecs), size(done), speed);
    }

    /** Koji's _format_size. */
    static String size(double bytes) {
        if (bytes >= 1073741824) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
        }
        if (bytes >= 1048576) {
            return String.format(Locale.ROOT, "%.2f MiB", bytes / 1048576.0);
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.2f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f B", bytes);
    }

    /** Koji's _format_secs: HH:MM:SS. */
    static String secs(double t) {
        long s = (long) t;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }
}
