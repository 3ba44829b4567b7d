package org.kojinext.hub.history;

import static org.kojinext.hub.db.jooq.Tables.EVENTS;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.db.jooq.tables.records.EventsRecord;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.protocol.KojiFault;

/** Koji's getEvent and getLastEvent: an event's id and its time as float seconds. */
public final class EventLookup {
    private EventLookup() {
    }

    public static Map<String, Object> get(DSLContext db, Object id, boolean strict) {
        int eventId = toInt(id);
        EventsRecord r = db.selectFrom(EVENTS).where(EVENTS.ID.eq(eventId)).fetchOne();
        return answer(r, strict);
    }

    /** The newest event, or the newest strictly before {@code before} (seconds since the epoch). */
    public static Map<String, Object> last(DSLContext db, Object before, boolean strict) {
        Condition where = DSL.noCondition();
        if (before != null) {
            if (!(before instanceof Number || before instanceof Boolean)) {
                throw KojiFault.generic("Invalid type for before: " + PyValues.classOf(before));
            }
            where = EVENTS.TIME.lt(TimeArg.fromSeconds(before, "before"));
        }
        EventsRecord r = db.selectFrom(EVENTS).where(where).orderBy(EVENTS.ID.desc()).limit(1).fetchOne();
        return answer(r, strict);
    }

    private static Map<String, Object> answer(EventsRecord r, boolean strict) {
        if (r == null) {
            if (strict) {
                throw KojiFault.generic("query returned no rows");
            }
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getId());
        m.put("ts", Epoch.seconds(r.getTime()));
        return m;
    }

    /**
     * Koji's convert_value(v, cast=int): Python's int(), where numbers truncate, digit strings
     * parse, and anything else (None included) is a ParameterError.
     */
    public static int toInt(Object v) {
        if (v == null) {
            throw KojiFault.parameter("Invalid type, expected type <class 'int'>");
        }
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        try {
            if (v instanceof Long l) {
                return Math.toIntExact(l);
            }
            if (v instanceof Double d && Double.isFinite(d)) {
                return Math.toIntExact((long) d.doubleValue());
            }
            if (v instanceof String s) {
                return Integer.parseInt(s.strip().replace("_", ""));
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to Koji's message
        }
        throw PyValues.notA("int", v);
    }
}
