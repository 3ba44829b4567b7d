package org.kojinext.hub.hosts;

import static org.kojinext.hub.db.jooq.Tables.HOST;
import static org.kojinext.hub.db.jooq.Tables.HOST_CONFIG;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.kojinext.hub.builds.BuildStore;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.tags.NameOrId;
import org.kojinext.protocol.KojiFault;

/** Koji's get_host: a host by id or name with its configuration at an event (null: now). */
public final class HostStore {
    private HostStore() {
    }

    public static Map<String, Object> get(DSLContext db, Object info, boolean strict, Integer event) {
        Record r = db.select(HOST.ID, HOST.USER_ID, HOST.NAME, HOST.UPDATE_TIME, HOST.READY, HOST.TASK_LOAD,
                        HOST_CONFIG.ARCHES, HOST_CONFIG.CAPACITY, HOST_CONFIG.DESCRIPTION, HOST_CONFIG.COMMENT,
                        HOST_CONFIG.ENABLED)
                .from(HOST_CONFIG).join(HOST).on(HOST.ID.eq(HOST_CONFIG.HOST_ID))
                .where(Versioned.at(HOST_CONFIG, event))
                .and(NameOrId.condition(HOST.ID, HOST.NAME, info))
                .fetchOne();
        if (r == null) {
            if (strict) {
                throw KojiFault.generic("Invalid hostInfo: " + org.kojinext.hub.rpc.PythonRepr.str(info));
            }
            return null;
        }
        return struct(r);
    }

    /** The host's id, or GenericError as get_host(strict=True) raises it. */
    public static int requireId(DSLContext db, Object info) {
        return (Integer) get(db, info, true, null).get("id");
    }

    static Map<String, Object> struct(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get(HOST.ID));
        m.put("user_id", r.get(HOST.USER_ID));
        m.put("name", r.get(HOST.NAME));
        m.put("update_ts", BuildStore.epoch(r.get(HOST.UPDATE_TIME)));
        m.put("ready", r.get(HOST.READY));
        m.put("task_load", r.get(HOST.TASK_LOAD));
        m.put("arches", r.get(HOST_CONFIG.ARCHES));
        m.put("capacity", r.get(HOST_CONFIG.CAPACITY));
        m.put("description", r.get(HOST_CONFIG.DESCRIPTION));
        m.put("comment", r.get(HOST_CONFIG.COMMENT));
        m.put("enabled", r.get(HOST_CONFIG.ENABLED));
        return m;
    }
}
