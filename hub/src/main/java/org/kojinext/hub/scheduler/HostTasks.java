package org.kojinext.hub.scheduler;

import static org.kojinext.hub.db.jooq.Tables.CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST_CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.kojinext.hub.tasks.TaskState;

/** A host's view of its tasks: what Koji's get_tasks_for_host and Host.getHostTasks answer. */
public final class HostTasks {
    private HostTasks() {
    }

    /** Koji's get_tasks_for_host: the ASSIGNED tasks, by priority then age. */
    public static List<Map<String, Object>> assigned(DSLContext db, int hostId) {
        var createTs = DSL.extract(TASK.CREATE_TIME, org.jooq.DatePart.EPOCH);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : db.select(TASK.ID, TASK.STATE, TASK.CHANNEL_ID, TASK.HOST_ID, TASK.ARCH, TASK.METHOD,
                        TASK.PRIORITY, createTs)
                .from(TASK).where(TASK.HOST_ID.eq(hostId), TASK.STATE.eq(TaskState.ASSIGNED.code()))
                .orderBy(TASK.PRIORITY, TASK.CREATE_TIME, TASK.ID).fetch()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.get(TASK.ID));
            m.put("state", r.get(TASK.STATE));
            m.put("channel_id", r.get(TASK.CHANNEL_ID));
            m.put("host_id", r.get(TASK.HOST_ID));
            m.put("arch", r.get(TASK.ARCH));
            m.put("method", r.get(TASK.METHOD));
            m.put("priority", r.get(TASK.PRIORITY));
            m.put("create_ts", r.get(createTs).doubleValue());
            out.add(m);
        }
        return out;
    }

    /** Koji's Host.getHostTasks: OPEN tasks with waiting and weight, alert when an awaited subtask finished. */
    public static List<Map<String, Object>> open(DSLContext db, int hostId) {
        var child = TASK.as("child");
        var alert = DSL.field(DSL.exists(DSL.selectOne().from(child).where(child.PARENT.eq(TASK.ID),
                child.AWAITED.isTrue(), child.STATE.in(TaskState.CLOSED.code(), TaskState.CANCELED.code(),
                        TaskState.FAILED.code()))));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : db.select(TASK.ID, TASK.WAITING, TASK.WEIGHT, alert).from(TASK)
                .where(TASK.HOST_ID.eq(hostId), TASK.STATE.eq(TaskState.OPEN.code())).orderBy(TASK.ID).fetch()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.get(TASK.ID));
            m.put("waiting", r.get(TASK.WAITING));
            m.put("weight", r.get(TASK.WEIGHT));
            if (Boolean.TRUE.equals(r.get(TASK.WAITING)) && Boolean.TRUE.equals(r.get(alert))) {
                m.put("alert", true);
            }
            out.add(m);
        }
        return out;
    }

    /**
     * What a held waitTasks answers now, or null if nothing: the assigned tasks, and those of the
     * running ones that are no longer OPEN on this host (canceled, freed, reassigned, gone).
     */
    public static Map<String, Object> pending(DSLContext db, int hostId, Set<Integer> running) {
        List<Map<String, Object>> assigned = assigned(db, hostId);
        List<Integer> lost = new ArrayList<>();
        if (!running.isEmpty()) {
            List<Integer> stillOpen = db.select(TASK.ID).from(TASK)
                    .where(TASK.ID.in(running), TASK.HOST_ID.eq(hostId), TASK.STATE.eq(TaskState.OPEN.code()))
                    .fetch(TASK.ID);
            for (Integer id : running) {
                if (!stillOpen.contains(id)) {
                    lost.add(id);
                }
            }
        }
        if (assigned.isEmpty() && lost.isEmpty()) {
            return null;
        }
        lost.sort(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("assigned", assigned);
        m.put("lost", lost);
        return m;
    }

    public static List<Integer> channelIds(DSLContext db, int hostId) {
        return db.select(HOST_CHANNELS.CHANNEL_ID).from(HOST_CHANNELS).join(CHANNELS)
                .on(CHANNELS.ID.eq(HOST_CHANNELS.CHANNEL_ID))
                .where(HOST_CHANNELS.HOST_ID.eq(hostId), HOST_CHANNELS.ACTIVE.isTrue())
                .orderBy(HOST_CHANNELS.CHANNEL_ID).fetch(HOST_CHANNELS.CHANNEL_ID);
    }

    /** Koji's set_refusal, for host.refuseTask. */
    public static void refuse(DSLContext db, int hostId, int taskId, boolean soft, String msg) {
        TaskScheduler.refuse(db, hostId, taskId, soft, true, msg);
    }
}
