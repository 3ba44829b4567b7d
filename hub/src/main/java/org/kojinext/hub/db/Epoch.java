package org.kojinext.hub.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Koji's float timestamps: seconds since the epoch, to the microsecond PostgreSQL keeps. */
public final class Epoch {
    private Epoch() {
    }

    /**
     * The same double PostgreSQL's date_part('epoch', ...) gives, which is what Koji returns in
     * every *_ts field: whole microseconds divided once. Adding a fraction to the whole seconds
     * instead rounds twice and is sometimes one bit off, so a client comparing timestamps from
     * two methods would see them differ.
     */
    public static Double seconds(OffsetDateTime t) {
        if (t == null) {
            return null;
        }
        Instant i = t.toInstant();
        long micros = Math.multiplyExact(i.getEpochSecond(), 1_000_000L) + i.getNano() / 1_000;
        return micros / 1_000_000.0;
    }

    /** A number of seconds as a UTC time, rounded to the microsecond as Python's datetime does. */
    public static OffsetDateTime fromSeconds(double s) {
        long micros = (long) Math.rint(s * 1_000_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                .atOffset(ZoneOffset.UTC);
    }
}
