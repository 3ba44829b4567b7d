package org.kojinext.hub.history;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
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
            return Epoch.fromSeconds(value, what);
        }
        try {
            return db.select(DSL.val(s).cast(SQLDataType.TIMESTAMPWITHTIMEZONE)).fetchSingle().value1();
        } catch (DataAccessException e) {
            throw KojiFault.generic("Invalid time for " + what + ": " + s);
        }
    }
}
