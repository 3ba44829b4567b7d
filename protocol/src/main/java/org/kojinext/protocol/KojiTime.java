package org.kojinext.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Datetimes as Koji's hub sends them: Python's {@code datetime.isoformat(' ')}, a string such as
 * {@code 2024-01-04 20:02:18.123456+00:00}. Microseconds appear only when non-zero, exactly as in
 * Python, because scripts compare these strings.
 */
public final class KojiTime {
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .toFormatter();
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private KojiTime() {
    }

    public static String format(OffsetDateTime t) {
        return base(t.toLocalDateTime()) + OFFSET.format(t);
    }

    public static String format(LocalDateTime t) {
        return base(t);
    }

    public static String format(Instant t) {
        return format(t.atOffset(ZoneOffset.UTC));
    }

    private static String base(LocalDateTime t) {
        String s = DATE_TIME.format(t);
        int micros = t.get(ChronoField.MICRO_OF_SECOND);
        return micros == 0 ? s : s + String.format(".%06d", micros);
    }
}
