package org.kojinext.cli.commands.tasks;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Koji's ways of printing a timestamp, in the local time zone. */
final class KojiTimes {
    /** time.asctime(time.localtime(ts)): "Tue Mar  5 14:03:01 2024". */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);
    /** koji.formatTimeLong: "Tue, 05 Mar 2024 14:03:01 UTC". */
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss z", Locale.ENGLISH);

    private KojiTimes() {
    }

    static String asctime(Object ts) {
        return ASCTIME.format(instant(ts).atZone(ZoneId.systemDefault()));
    }

    static String formatTimeLong(Object ts) {
        if (ts == null) {
            return "";
        }
        return LONG.format(instant(ts).atZone(ZoneId.systemDefault()));
    }

    private static Instant instant(Object ts) {
        double seconds = ((Number) ts).doubleValue();
        return Instant.ofEpochMilli((long) Math.floor(seconds * 1000));
    }
}
