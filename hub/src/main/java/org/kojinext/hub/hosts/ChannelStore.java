package org.kojinext.hub.hosts;

import static org.kojinext.hub.db.jooq.Tables.CHANNELS;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.kojinext.hub.tags.NameOrId;
import org.kojinext.protocol.KojiFault;

/** Koji's get_channel: a channel by id or name (or a dict naming one). */
public final class ChannelStore {
    private ChannelStore() {
    }

    /** id, name, description, enabled, comment; null when there is none and not strict. */
    public static Map<String, Object> get(DSLContext db, Object info, boolean strict) {
        Record r = db.select(CHANNELS.ID, CHANNELS.NAME, CHANNELS.DESCRIPTION, CHANNELS.ENABLED, CHANNELS.COMMENT)
                .from(CHANNELS)
                .where(NameOrId.condition(CHANNELS.ID, CHANNELS.NAME, info))
                .fetchOne();
        if (r == null) {
            if (strict) {
                // Koji's QueryProcessor.executeOne(strict=True) says no more than this.
                throw KojiFault.generic("query returned no rows");
            }
            return null;
        }
        return struct(r);
    }

    static Map<String, Object> struct(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get(CHANNELS.ID));
        m.put("name", r.get(CHANNELS.NAME));
        m.put("description", r.get(CHANNELS.DESCRIPTION));
        m.put("enabled", r.get(CHANNELS.ENABLED));
        m.put("comment", r.get(CHANNELS.COMMENT));
        return m;
    }
}
