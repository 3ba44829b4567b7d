package org.kojinext.cli.hosts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Koji's formatTimeLong: a timestamp in the local zone, as "Sat, 07 Sep 2002 00:00:01 UTC". */
public final class KojiTime {
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz",
            Locale.ENGLISH);

    private KojiTime() {
    }

    /** Seconds since the epoch (int or float, as hubs send them); "" for null, as Koji. */
    public static String formatLong(Object seconds) {
        if (!(seconds instanceof Number n)) {
            return "";
        }
        long micros = Math.round(n.doubleValue() * 1_000_000);
        // Koji's strftime drops the fraction, so a time just before a second boundary stays in it.
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000));
        return LONG.format(ZonedDateTime.ofInstant(at, ZoneId.systemDefault()));
    }
}
