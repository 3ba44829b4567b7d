package org.kojinext.hub.scheduler;

import static org.kojinext.hub.db.jooq.Tables.CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST_CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.kojinext.hub.auth.Session;
import org.kojinext.hub.auth.SessionStore;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.db.Prerendered;
import org.kojinext.hub.events.TaskEvents;
import org.kojinext.hub.tasks.TaskState;
import org.kojinext.hub.tasks.TaskWriter;

/** A host's view of its tasks: what Koji's get_tasks_for_host and Host.getHostTasks answer. */
public final class HostTasks {
    private HostTasks() {
    }

    /** Every held call reads these, so they are rendered once (see Prerendered). */
    private static final List<org.jooq.Field<?>> ASSIGNED_FIELDS = List.of(TASK.ID, TASK.STATE, TASK.CHANNEL_ID,
            TASK.HOST_ID, TASK.ARCH, TASK.METHOD, TASK.PRIORITY, TASK.CREATE_TIME);
    private static final Prerendered ASSIGNED = Prerendered.of(DSL.select(ASSIGNED_FIELDS)
            .from(TASK).where(TASK.HOST_ID.eq(DSL.param("host", Integer.class)),
                    TASK.STATE.eq(DSL.inline(TaskState.ASSIGNED.code())))
            .orderBy(TASK.PRIORITY, TASK.CREATE_TIME, TASK.ID));
    /** A held call's one read: the host's ASSIGNED and OPEN tasks (migration V12's partial index). */
    private static final Prerendered ACTIVE = Prerendered.of(DSL.select(ASSIGNED_FIELDS)
            .from(TASK).where(TASK.HOST_ID.eq(DSL.param("host", Integer.class)),
                    TASK.STATE.in(DSL.inline(TaskState.ASSIGNED.code()), DSL.inline(TaskState.OPEN.code())))
            .orderBy(TASK.PRIORITY, TASK.CREATE_TIME, TASK.ID));
    /** Of the tasks a builder runs, those it has finished itself (closed or failed). */
    private static final Prerendered FINISHED_BY = Prerendered.of(DSL.select(TASK.ID).from(TASK)
            .where(TASK.ID.eq(DSL.any(DSL.param("ids", Integer[].class))),
                    TASK.HOST_ID.eq(DSL.param("host", Integer.class)),
                    TASK.STATE.in(DSL.inline(TaskState.CLOSED.code()), DSL.inline(TaskState.FAILED.code()))));

    /** Koji's get_tasks_for_host: the ASSIGNED tasks, by priority then age. */
    public static List<Map<String, Object>> assigned(DSLContext db, int hostId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : ASSIGNED.fetch(db, hostId)) {
            out.add(assignedStruct(r));
        }
        return out;
    }

    private static Map<String, Object> assignedStruct(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get(TASK.ID));
        m.put("state", r.get(TASK.STATE));
        m.put("channel_id", r.get(TASK.CHANNEL_ID));
        m.put("host_id", r.get(TASK.HOST_ID));
        m.put("arch", r.get(TASK.ARCH));
        m.put("method", r.get(TASK.METHOD));
        m.put("priority", r.get(TASK.PRIORITY));
        m.put("create_ts", Epoch.seconds(r.get(TASK.CREATE_TIME)));
        return m;
    }

    /**
     * Whether a held waitTasks call must look again after this change: a task assigned to the
     * host, or one of those it runs taken from it (canceled, freed, reassigned). Its own opening
     * and reporting of a task, and changes of waiting or priority, are not news to it.
     */
    public static boolean concerns(TaskEvents.TaskChange c, int hostId, Set<Integer> running) {
        boolean mine = c.hostId() != null && c.hostId() == hostId;
        Integer state = c.state();
        if (mine && state != null && state == TaskState.ASSIGNED.code()) {
            return true;
        }
        if (!running.contains(c.id())) {
            return false;
        }
        return !(mine && state != null && (state == TaskState.OPEN.code() || state == TaskState.CLOSED.code()
                || state == TaskState.FAILED.code()));
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
     * What a held waitTasks has to act on now.
     *
     * @param assigned the host's ASSIGNED tasks, as {@link #assigned} lists them
     * @param lost tasks the builder runs that are no longer its own (canceled, freed, reassigned,
     *     gone); one the host has closed or failed itself is not lost, as its report may still be on
     *     the way
     * @param unknown the host's OPEN tasks the builder does not run, when it keeps count of them:
     *     opened for it by an answer that never reached it
     */
    public record Pending(List<Map<String, Object>> assigned, List<Integer> lost, List<Integer> unknown) {
    }

    /**
     * What a held waitTasks answers now, or null if nothing. {@code running} lists the tasks the
     * builder runs; with {@code countsOpen} (a builder that has the hub open its tasks) any other
     * OPEN task of the host is reported as unknown.
     */
    public static Pending pending(DSLContext db, int hostId, Set<Integer> running, boolean countsOpen) {
        List<Map<String, Object>> assigned = new ArrayList<>();
        Set<Integer> open = new HashSet<>();
        List<Integer> unknown = new ArrayList<>();
        for (Record r : ACTIVE.fetch(db, hostId)) {
            Integer id = r.get(TASK.ID);
            if (r.get(TASK.STATE) == TaskState.ASSIGNED.code()) {
                assigned.add(assignedStruct(r));
            } else {
                open.add(id);
                if (countsOpen && !running.contains(id)) {
                    unknown.add(id);
                }
            }
        }
        List<Integer> lost = new ArrayList<>();
        for (Integer id : running) {
            if (!open.contains(id)) {
                lost.add(id);
            }
        }
        if (!lost.isEmpty()) {
            // Only while a report is on its way: a task the host finished itself is not lost.
            lost.removeAll(FINISHED_BY.fetch(db, lost.toArray(Integer[]::new), hostId).getValues(TASK.ID));
        }
        if (assigned.isEmpty() && lost.isEmpty() && unknown.isEmpty()) {
            return null;
        }
        lost.sort(null);
        return new Pending(assigned, lost, unknown);
    }

    /**
     * Opens the tasks, each still ASSIGNED to its host, with their weights and a subsession each
     * under the session the host's builder holds: two statements however many tasks and hosts.
     * Returns, in the order given, what openTask, setTaskWeight and subsession would have given
     * (the task's struct with its request and session), by task id; a task another writer took
     * first (canceled, freed) is missing.
     */
    public static Map<Integer, Map<String, Object>> openWithSubsessions(DSLContext db, List<TaskWriter.Opening> openings,
                                                                       IntFunction<Session> sessionOfHost) {
        Map<Integer, Map<String, Object>> opened = TaskWriter.openAll(db, openings);
        Map<Integer, Map<String, Object>> out = new LinkedHashMap<>();
        List<Session> masters = new ArrayList<>();
        for (TaskWriter.Opening o : openings) {
            Map<String, Object> info = opened.get(o.taskId());
            if (info != null) {
                out.put(o.taskId(), info);
                masters.add(sessionOfHost.apply(o.hostId()));
            }
        }
        var sessions = SessionStore.subsessions(db, masters).iterator();
        out.values().forEach(info -> info.put("session", sessions.next()));
        return out;
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
