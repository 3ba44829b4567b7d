package org.kojinext.hub.history;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.protocol.KojiFault;

/**
 * queryHistory's before and after: seconds since the epoch, or a time string. Koji hands the
 * string to PostgreSQL, so PostgreSQL reads it here too: the same formats, and a time without an
 * offset is in the database's time zone, as it is for Koji.
 */
final class TimeArg {
    private TimeArg() {
    }

    static OffsetDateTime resolve(DSLContext db, Object value, String what) {
        if (!(value instanceof String s)) {
            return fromSeconds(value, what);
        }
        try {
            return db.select(DSL.val(s).cast(SQLDataType.TIMESTAMPWITHTIMEZONE)).fetchSingle().value1();
        } catch (DataAccessException e) {
            throw KojiFault.generic("Invalid time for " + what + ": " + s);
        }
    }

    /** A number of seconds (a bool counts as 0 or 1, as in Python) as a time. */
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
        return Epoch.fromSeconds(s);
    }
}
