package org.kojinext.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Datetimes as Koji's hub sends them: Python's {@code datetime.isoformat(' ')}, a string such as
 * {@code 2024-01-04 20:02:18.123456+00:00}. Microseconds appear only when non-zero, exactly as in
 * Python, because scripts compare these strings.
 *
 * <p>Written digit by digit rather than through DateTimeFormatter: a tag's builds carry four
 * datetimes each, and formatting them was a tenth of encoding a 25,000-build answer.
 */
public final class KojiTime {
    private KojiTime() {
    }

    public static String format(OffsetDateTime t) {
        char[] buf = new char[32];
        int n = base(t.toLocalDateTime(), buf);
        int offset = t.getOffset().getTotalSeconds();
        buf[n++] = offset < 0 ? '-' : '+';
        offset = Math.abs(offset);
        n = two(offset / 3600, buf, n);
        buf[n++] = ':';
        n = two(offset / 60 % 60, buf, n);
        return new String(buf, 0, n);
    }

    public static String format(LocalDateTime t) {
        char[] buf = new char[26];
        return new String(buf, 0, base(t, buf));
    }

    public static String format(Instant t) {
        return format(t.atOffset(ZoneOffset.UTC));
    }

    private static int base(LocalDateTime t, char[] buf) {
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            // Python's datetime has no such years; say what the value is rather than fail.
            throw new IllegalArgumentException("year out of Python's range: " + year);
        }
        int n = 0;
        n = two(year / 100, buf, n);
        n = two(year % 100, buf, n);
        buf[n++] = '-';
        n = two(t.getMonthValue(), buf, n);
        buf[n++] = '-';
        n = two(t.getDayOfMonth(), buf, n);
        buf[n++] = ' ';
        n = two(t.getHour(), buf, n);
        buf[n++] = ':';
        n = two(t.getMinute(), buf, n);
        buf[n++] = ':';
        n = two(t.getSecond(), buf, n);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            buf[n++] = '.';
            n = two(micros / 10000, buf, n);
            n = two(micros / 100 % 100, buf, n);
            n = two(micros % 100, buf, n);
        }
        return n;
    }

    private static int two(int v, char[] buf, int n) {
        buf[n] = (char) ('0' + v / 10);
        buf[n + 1] = (char) ('0' + v % 10);
        return n + 2;
    }
}
