package org.kojinext.hub.scheduler;

import static org.kojinext.hub.db.jooq.Tables.CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST;
import static org.kojinext.hub.db.jooq.Tables.SCHEDULER_HOST_DATA;

import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.impl.DSL;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.Prerendered;
import org.kojinext.protocol.KojiFault;

/** What builders report of themselves: load and readiness (host row), and data for the scheduler. */
public final class HostReports {
    private HostReports() {
    }

    /** Koji's Host.updateHost: task_load, ready and the time the host was last heard from. */
    public static void update(DSLContext db, int hostId, double taskLoad, boolean ready) {
        if (taskLoad < 0 || Double.isNaN(taskLoad)) {
            throw KojiFault.generic("task_load must not be negative");
        }
        db.update(HOST).set(HOST.TASK_LOAD, taskLoad).set(HOST.READY, ready)
                .set(HOST.UPDATE_TIME, DSL.currentOffsetDateTime())
                .where(HOST.ID.eq(hostId)).execute();
    }

    /**
     * Whether a host's row needs a heartbeat: its ready flag differs, or its update_time is unset
     * or older than the freshness window, by the database's clock (the sweep that reads update_time
     * uses it). Rendered once: every held call asks.
     */
    private static final Prerendered STALE = Prerendered.of(DSL.select(DSL.field(
                    HOST.READY.isDistinctFrom(DSL.param("ready", Boolean.class)).or(HOST.UPDATE_TIME.isNull())
                            .or(HOST.UPDATE_TIME.lt(DSL.currentOffsetDateTime()
                                    .minus(DSL.param("days", Double.class))))).as("stale"))
            .from(HOST).where(HOST.ID.eq(DSL.param("id", Integer.class))));

    /**
     * The host was heard from (a held call started). Written only when ready changes or the last
     * heartbeat is older than {@code freshFor}; the row's trigger announces only a change of ready.
     * Checked with a read first, so that a held call, which otherwise only reads, opens no
     * transaction and records no callnum.
     */
    public static void seen(DSLContext db, int hostId, boolean ready, java.time.Duration freshFor) {
        double days = freshFor.toMillis() / 86_400_000.0;
        var row = STALE.fetchOne(db, ready, days, hostId);
        if (row == null || !Boolean.TRUE.equals(row.get(0))) {
            return;
        }
        db.update(HOST).set(HOST.UPDATE_TIME, DSL.currentOffsetDateTime()).set(HOST.READY, ready)
                .where(HOST.ID.eq(hostId)).execute();
    }

    /** Koji's scheduler.set_host_data: replaces what the host said of itself ({methods, maxjobs}). */
    public static void setData(DSLContext db, int hostId, Object data) {
        Object value = data;
        if (data instanceof String text) {
            // Koji still accepts the JSON text older builders send.
            value = ExtraJson.decode(text, "Invalid host data");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw KojiFault.parameter("Invalid type for value '" + data + "': expected dict");
        }
        if (map.get("channels") instanceof List<?> names) {
            // A builder declares channels by name; the scheduler narrows by id (see Declared).
            Map<Object, Object> withIds = new java.util.LinkedHashMap<>(map);
            List<Object> ids = new java.util.ArrayList<>();
            for (Object name : names) {
                Integer id = db.select(CHANNELS.ID).from(CHANNELS).where(CHANNELS.NAME.eq(String.valueOf(name)))
                        .fetchOne(CHANNELS.ID);
                if (id == null) {
                    throw KojiFault.generic("No such channel: " + name);
                }
                ids.add(id);
            }
            withIds.put("channel_ids", ids);
            value = withIds;
        }
        JSON json = JSON.valueOf(ExtraJson.encode(value));
        db.insertInto(SCHEDULER_HOST_DATA).set(SCHEDULER_HOST_DATA.HOST_ID, hostId)
                .set(SCHEDULER_HOST_DATA.DATA, json)
                .onConflict(SCHEDULER_HOST_DATA.HOST_ID).doUpdate().set(SCHEDULER_HOST_DATA.DATA, json)
                .execute();
    }

    /** The host's reported data, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(DSLContext db, int hostId) {
        JSON j = db.select(SCHEDULER_HOST_DATA.DATA).from(SCHEDULER_HOST_DATA)
                .where(SCHEDULER_HOST_DATA.HOST_ID.eq(hostId)).fetchOne(SCHEDULER_HOST_DATA.DATA);
        Object v = j == null ? null : ExtraJson.decode(j.data(), "Invalid host data");
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A number argument as Koji's float() takes it: a number or its text. */
    public static double number(Object v, String name) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw KojiFault.parameter("Invalid value for " + name + ": " + v);
    }
}
