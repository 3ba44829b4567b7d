package org.kojinext.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Times as Koji's CLI prints and reads them, in the JVM's default zone (Koji uses the local
 * zone): koji.formatTimeLong, time.asctime(time.localtime(ts)), and the --before/--after values
 * its TimeOption accepts.
 */
public final class KojiTimes {
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.ENGLISH);
    /** The day of the month padded with a space, as C's asctime does. */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);
    private static final List<DateTimeFormatter> INPUTS = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy/MM/dd[ ]['T']HH:mm[:ss]", Locale.ROOT));

    private KojiTimes() {
    }

    /**
     * koji.formatTimeLong: "Sat, 07 Sep 2002 00:00:01 UTC"; '' for no value (Koji tests the value
     * for truth). Takes seconds since the epoch or a hub's ISO time string, as formatTime does.
     */
    public static String formatTimeLong(Object value) {
        ZonedDateTime t = Py.truthy(value) ? zoned(value) : null;
        return t == null ? "" : LONG.format(t);
    }

    /** time.asctime(time.localtime(ts)): "Mon Jan  5 10:11:12 2025"; '' for no value. */
    public static String asctime(Object ts) {
        ZonedDateTime t = zoned(ts);
        return t == null ? "" : ASCTIME.format(t);
    }

    /** asctime in UTC, for list-history --utc. */
    public static String asctimeUtc(Object ts) {
        ZonedDateTime t = zoned(ts);
        return t == null ? "" : ASCTIME.format(t.withZoneSameInstant(ZoneOffset.UTC));
    }

    private static ZonedDateTime zoned(Object value) {
        if (value instanceof Number n) {
            // Python's localtime() floors a float timestamp to its second.
            return Instant.ofEpochSecond((long) Math.floor(n.doubleValue())).atZone(ZoneId.systemDefault());
        }
        if (value instanceof String s && !s.isEmpty()) {
            try {
                return OffsetDateTime.parse(s.replace(' ', 'T')).atZoneSameInstant(ZoneId.systemDefault());
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(s.replace(' ', 'T')).atZone(ZoneId.systemDefault());
            }
        }
        return null;
    }

    /**
     * Koji's TimeOption: seconds since the epoch, or a local date/time such as "2020-12-31",
     * "2020-12-31 12:35" or "2020-12-31T12:35:10". Koji accepts anything dateutil parses; Koji
     * Next takes these ISO-like forms only.
     */
    public static double parse(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException ignored) {
            // not a timestamp: a date/time
        }
        String v = value.strip();
        for (DateTimeFormatter f : INPUTS) {
            try {
                return LocalDateTime.parse(v, f).atZone(ZoneId.systemDefault()).toEpochSecond();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return LocalDate.parse(v.replace('/', '-')).atStartOfDay(ZoneId.systemDefault()).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new CliFailure("option " + option + ": invalid time specification: " + PyRepr.repr(value), 2);
        }
    }
}
