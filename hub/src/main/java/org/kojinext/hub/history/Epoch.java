package org.kojinext.hub.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.protocol.KojiFault;

/** Koji's float timestamps: seconds since the epoch, to the microsecond PostgreSQL keeps. */
final class Epoch {
    private Epoch() {
    }

    /**
     * The same double PostgreSQL's date_part('epoch', ...) gives: whole microseconds divided once,
     * so a client comparing a ts it got from Koji with one from us sees equal values.
     */
    static Double seconds(OffsetDateTime t) {
        if (t == null) {
            return null;
        }
        Instant i = t.toInstant();
        long micros = Math.multiplyExact(i.getEpochSecond(), 1_000_000L) + i.getNano() / 1_000;
        return micros / 1_000_000.0;
    }

    /** A number of seconds as a UTC time, rounded to the microsecond as Python's datetime does. */
    static OffsetDateTime fromSeconds(Object value, String what) {
        double s;
        if (value instanceof Number n) {
            s = n.doubleValue();
        } else if (value instanceof Boolean b) {
            s = b ? 1 : 0;
        } else {
            throw KojiFault.generic("Invalid type for " + what + ": " + PyValues.classOf(value));
        }
        if (!Double.isFinite(s)) {
            throw KojiFault.generic("Invalid timestamp for " + what + ": " + value);
        }
        long micros = (long) Math.rint(s * 1_000_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                .atOffset(ZoneOffset.UTC);
    }
}
