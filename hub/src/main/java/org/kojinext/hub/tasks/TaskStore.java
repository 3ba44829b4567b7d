package org.kojinext.hub.tasks;

import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.kojinext.hub.builds.BuildStore;
import org.kojinext.protocol.KojiFault;

/** Reading tasks: Koji's Task.getInfo, getChildren, getRequest and getResult. */
public final class TaskStore {
    /** The columns of Koji's Task.fields, request last (read only when asked for). */
    static final List<Field<?>> COLUMNS = List.of(TASK.ID, TASK.STATE, TASK.CREATE_TIME, TASK.START_TIME,
            TASK.COMPLETION_TIME, TASK.CHANNEL_ID, TASK.HOST_ID, TASK.PARENT, TASK.LABEL, TASK.WAITING,
            TASK.AWAITED, TASK.OWNER, TASK.METHOD, TASK.ARCH, TASK.PRIORITY, TASK.WEIGHT);

    private TaskStore() {
    }

    /**
     * getTaskInfo's struct, keys in Koji's order, with the decoded request when asked for; null if
     * there is no such task.
     */
    public static Map<String, Object> info(DSLContext db, int taskId, boolean request) {
        Record r = db.select(columns(request)).from(TASK).where(TASK.ID.eq(taskId)).fetchOne();
        return r == null ? null : struct(r, request);
    }

    /** info, or GenericError "No such task: N". */
    public static Map<String, Object> require(DSLContext db, int taskId, boolean request) {
        Map<String, Object> m = info(db, taskId, request);
        if (m == null) {
            throw noSuchTask(taskId);
        }
        return m;
    }

    public static List<Map<String, Object>> children(DSLContext db, int taskId) {
        return children(db, taskId, false);
    }

    /** The task's direct subtasks, by id. */
    public static List<Map<String, Object>> children(DSLContext db, int taskId, boolean request) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : db.select(columns(request)).from(TASK).where(TASK.PARENT.eq(taskId)).orderBy(TASK.ID)
                .fetch()) {
            out.add(struct(r, request));
        }
        return out;
    }

    /** Koji's getTaskRequest: the stored arguments. */
    public static List<Object> request(DSLContext db, int taskId) {
        String text = db.select(TASK.REQUEST).from(TASK).where(TASK.ID.eq(taskId)).fetchOptional(TASK.REQUEST)
                .orElseThrow(() -> KojiFault.generic("query returned no rows"));
        return TaskCodec.decodeRequest(text);
    }

    /**
     * Koji's getTaskResult: the result of a CLOSED or FAILED task. A stored fault is thrown again
     * when raiseFault, otherwise returned as multicall's {faultCode, faultString} struct.
     */
    public static Object result(DSLContext db, int taskId, boolean raiseFault) {
        Record r = db.select(TASK.STATE, TASK.RESULT).from(TASK).where(TASK.ID.eq(taskId)).fetchOne();
        if (r == null) {
            throw KojiFault.generic("No such task");
        }
        TaskState state = TaskState.of(r.get(TASK.STATE));
        if (state == TaskState.CANCELED) {
            throw KojiFault.generic("Task " + taskId + " is canceled");
        }
        if (state != TaskState.CLOSED && state != TaskState.FAILED) {
            throw KojiFault.generic("Task " + taskId + " is not finished");
        }
        try {
            return TaskCodec.decodeResult(r.get(TASK.RESULT));
        } catch (KojiFault f) {
            if (raiseFault) {
                throw f;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("faultCode", f.code());
            m.put("faultString", f.getMessage());
            return m;
        }
    }

    public static TaskState state(DSLContext db, int taskId) {
        Integer s = db.select(TASK.STATE).from(TASK).where(TASK.ID.eq(taskId)).fetchOne(TASK.STATE);
        if (s == null) {
            throw noSuchTask(taskId);
        }
        return TaskState.of(s);
    }

    static KojiFault noSuchTask(int taskId) {
        return KojiFault.generic("No such task: " + taskId);
    }

    static List<Field<?>> columns(boolean request) {
        if (!request) {
            return COLUMNS;
        }
        List<Field<?>> f = new ArrayList<>(COLUMNS);
        f.add(TASK.REQUEST);
        return f;
    }

    /** The struct of one task row; the request decoded when it was selected and asked for. */
    static Map<String, Object> struct(Record r, boolean request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get(TASK.ID));
        m.put("state", r.get(TASK.STATE));
        m.put("create_time", r.get(TASK.CREATE_TIME));
        m.put("create_ts", BuildStore.epoch(r.get(TASK.CREATE_TIME)));
        m.put("start_time", r.get(TASK.START_TIME));
        m.put("start_ts", BuildStore.epoch(r.get(TASK.START_TIME)));
        m.put("completion_time", r.get(TASK.COMPLETION_TIME));
        m.put("completion_ts", BuildStore.epoch(r.get(TASK.COMPLETION_TIME)));
        m.put("channel_id", r.get(TASK.CHANNEL_ID));
        m.put("host_id", r.get(TASK.HOST_ID));
        m.put("parent", r.get(TASK.PARENT));
        m.put("label", r.get(TASK.LABEL));
        m.put("waiting", r.get(TASK.WAITING));
        m.put("awaited", r.get(TASK.AWAITED));
        m.put("owner", r.get(TASK.OWNER));
        m.put("method", r.get(TASK.METHOD));
        m.put("arch", r.get(TASK.ARCH));
        m.put("priority", r.get(TASK.PRIORITY));
        m.put("weight", r.get(TASK.WEIGHT));
        if (request) {
            m.put("request", TaskCodec.decodeRequest(r.get(TASK.REQUEST)));
        }
        return m;
    }
}
