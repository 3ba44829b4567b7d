package org.kojinext.hub.tasks;

import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.hub.builds.BuildState;
import org.kojinext.hub.db.jooq.tables.records.TaskRecord;
import org.kojinext.hub.db.jooq.tables.records.UsersRecord;
import org.kojinext.hub.hosts.ChannelStore;
import org.kojinext.hub.hosts.HostStore;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.tags.Arches;
import org.kojinext.protocol.KojiFault;

/**
 * Every change to a task row, with Koji's preconditions and errors (Koji's make_task and the
 * methods of its Task class). All methods are static; permission checks are the caller's, as in
 * Koji. Transitions take a row lock first, so two hubs racing on one task serialize.
 */
public final class TaskWriter {
    private static final int STATE_FREE = TaskState.FREE.code();

    private TaskWriter() {
    }

    /**
     * Koji's make_task. A subtask (opts.parent) needs an OPEN parent and takes its owner and arch
     * and a priority one better (lower) unless given; a subtask with a label its parent already
     * used answers that task's id instead of making another, so a restarted parent gets its old
     * subtasks back. The channel follows Koji's default channel policy: the requested channel,
     * else the parent's for a subtask, else 'default'.
     *
     * @return the new (or, for a repeated label, existing) task's id
     */
    public static int create(CallContext ctx, String method, List<Object> args, TaskOptions opts) {
        DSLContext db = ctx.db();
        if (method == null) {
            throw KojiFault.parameter("Invalid type, expected type <class 'str'>");
        }
        Integer owner = opts.owner == null ? null : ownerId(db, opts.owner);
        String arch = opts.arch == null ? null : Arches.parseStrict(opts.arch);
        Integer priority = opts.priority;
        Integer assign = opts.assign == null ? null : HostStore.requireId(db, opts.assign);
        Integer parent = opts.parent;
        String label = null;
        Integer channelId;
        Record pdata = null;
        if (parent != null) {
            pdata = db.select(TASK.STATE, TASK.OWNER, TASK.CHANNEL_ID, TASK.PRIORITY, TASK.ARCH)
                    .from(TASK).where(TASK.ID.eq(parent)).fetchOne();
            if (pdata == null) {
                throw KojiFault.generic("Invalid parent task: " + parent);
            }
            if (pdata.get(TASK.STATE) != TaskState.OPEN.code()) {
                throw KojiFault.generic("Parent task (id " + parent + ") is not open");
            }
            label = opts.label;
            if (label != null) {
                Integer existing = db.select(TASK.ID).from(TASK)
                        .where(TASK.PARENT.eq(parent)).and(TASK.LABEL.eq(label)).fetchOne(TASK.ID);
                if (existing != null) {
                    return existing;
                }
            }
            if (priority == null) {
                Integer pp = pdata.get(TASK.PRIORITY);
                priority = (pp == null ? TaskOptions.PRIO_DEFAULT : pp) - 1;
            }
            owner = owner == null ? pdata.get(TASK.OWNER) : owner;
            arch = arch == null ? pdata.get(TASK.ARCH) : arch;
        } else {
            priority = priority == null ? TaskOptions.PRIO_DEFAULT : priority;
            arch = arch == null ? "noarch" : arch;
            if (owner == null) {
                if (!ctx.loggedIn()) {
                    throw KojiFault.generic("task must have an owner");
                }
                owner = ctx.userId();
            }
        }
        if (opts.channel != null) {
            channelId = enabledChannel(db, opts.channel, "No such channel: " + PythonRepr.str(opts.channel));
        } else if (pdata != null) {
            channelId = pdata.get(TASK.CHANNEL_ID);
        } else {
            channelId = enabledChannel(db, "default", "query returned no rows");
        }
        TaskRecord row = db.newRecord(TASK);
        row.setState(assign != null ? TaskState.ASSIGNED.code() : STATE_FREE);
        row.setHostId(assign);
        row.setOwner(owner);
        row.setMethod(method);
        row.setRequest(TaskCodec.encodeRequest(method, args));
        row.setPriority(priority);
        row.setParent(parent);
        row.setLabel(label);
        row.setChannelId(channelId);
        row.setArch(arch);
        return db.insertInto(TASK).set(row).returning(TASK.ID).fetchSingle().getId();
    }

    private static int enabledChannel(DSLContext db, Object info, String missing) {
        Map<String, Object> ch = ChannelStore.get(db, info, false);
        if (ch == null) {
            throw KojiFault.generic(missing);
        }
        if (!Boolean.TRUE.equals(ch.get("enabled"))) {
            throw KojiFault.generic("Channel " + ch.get("name") + " is disabled.");
        }
        return (Integer) ch.get("id");
    }

    private static int ownerId(DSLContext db, Object owner) {
        if (owner instanceof Integer i) {
            return i;
        }
        UsersRecord u = owner instanceof String s ? UserStore.byName(db, s) : null;
        if (u == null) {
            throw KojiFault.generic("No such user: " + PythonRepr.str(owner));
        }
        return u.getId();
    }

    // ---- transitions ---------------------------------------------------------------------

    /**
     * The task's state and host under a row lock, or "No such task: N". FOR NO KEY UPDATE, the
     * lock an UPDATE of non-key columns takes itself: FOR UPDATE would also conflict with the
     * key-share locks of every insert that references the task (a subtask, a scheduler log line),
     * and with them make deadlocks between a cancel and a builder.
     */
    private static Record lockRow(DSLContext db, int taskId) {
        Record r = db.select(TASK.STATE, TASK.HOST_ID, TASK.OWNER, TASK.PARENT).from(TASK)
                .where(TASK.ID.eq(taskId)).forNoKeyUpdate().fetchOne();
        if (r == null) {
            throw TaskStore.noSuchTask(taskId);
        }
        return r;
    }

    /** Koji's Task.verifyHost: the task is OPEN and held by this host. */
    public static boolean verifyHost(DSLContext db, int taskId, Integer hostId) {
        if (hostId == null) {
            return false;
        }
        Record r = lockRow(db, taskId);
        return r.get(TASK.STATE) == TaskState.OPEN.code() && hostId.equals(r.get(TASK.HOST_ID));
    }

    /** Koji's Task.assertHost: ActionNotAllowed unless the host holds the task OPEN. */
    public static void assertHost(DSLContext db, int taskId, int hostId) {
        if (!verifyHost(db, taskId, hostId)) {
            throw KojiFault.notAllowed("host " + hostId + " does not own task " + taskId);
        }
    }

    /**
     * Koji's Task.verifyOwner: whether the user owns the task (row-locked; "No such task: N"
     * when there is none).
     */
    public static boolean verifyOwner(DSLContext db, int taskId, Integer userId) {
        if (userId == null) {
            return false;
        }
        return userId.equals(lockRow(db, taskId).get(TASK.OWNER));
    }

    /**
     * Koji's Task.assign: FREE → ASSIGNED to the host. False (nothing changed) when the task is
     * not free or is assigned to another host; force takes it whatever its state.
     */
    public static boolean assign(DSLContext db, int taskId, int hostId, boolean force) {
        return lock(db, taskId, hostId, TaskState.ASSIGNED, force);
    }

    /**
     * Koji's Task.open: a FREE task, or one ASSIGNED to this host, becomes OPEN on it with its
     * start time set. Returns the task's info with "request" as the stored XML-RPC text (what
     * Koji's host.openTask answers), or null when the host may not open it.
     */
    public static Map<String, Object> open(DSLContext db, int taskId, int hostId) {
        if (!lock(db, taskId, hostId, TaskState.OPEN, false)) {
            return null;
        }
        Record r = db.select(TaskStore.columns(true)).from(TASK).where(TASK.ID.eq(taskId)).fetchOne();
        Map<String, Object> m = TaskStore.struct(r, false);
        m.put("request", r.get(TASK.REQUEST));
        return m;
    }

    /** A task to open for the host it is ASSIGNED to, with the weight the host gave its method. */
    public record Opening(int taskId, int hostId, double weight) {
    }

    /**
     * Koji's openTask and setTaskWeight for many tasks in one statement (where one task alone was
     * five round trips: the row lock, the update, the re-read, the weight's lock and update): each
     * that is still ASSIGNED to its host becomes OPEN with its weight. Returns the opened tasks'
     * structs with their requests, by task id; a task another writer took first is missing.
     */
    public static Map<Integer, Map<String, Object>> openAll(DSLContext db, List<Opening> tasks) {
        Map<Integer, Map<String, Object>> out = new java.util.HashMap<>();
        if (tasks.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        org.jooq.Row3<Integer, Integer, Double>[] rows = new org.jooq.Row3[tasks.size()];
        for (int i = 0; i < rows.length; i++) {
            Opening o = tasks.get(i);
            rows[i] = DSL.row(DSL.val(o.taskId()), DSL.val(o.hostId()), DSL.val(o.weight()));
        }
        var v = DSL.values(rows).as("v", "task_id", "host_id", "weight");
        var vTask = v.field("task_id", Integer.class);
        var vHost = v.field("host_id", Integer.class);
        var vWeight = v.field("weight", Double.class);
        for (Record r : db.update(TASK).set(TASK.STATE, TaskState.OPEN.code())
                .set(TASK.START_TIME, DSL.currentOffsetDateTime()).set(TASK.WEIGHT, vWeight)
                .from(v)
                .where(TASK.ID.eq(vTask), TASK.HOST_ID.eq(vHost), TASK.STATE.eq(TaskState.ASSIGNED.code()))
                .returning(TaskStore.columns(true)).fetch()) {
            Map<String, Object> m = TaskStore.struct(r, false);
            m.put("request", r.get(TASK.REQUEST));
            out.put(r.get(TASK.ID), m);
        }
        return out;
    }

    private static boolean lock(DSLContext db, int taskId, int hostId, TaskState target, boolean force) {
        if (!force) {
            Record r = lockRow(db, taskId);
            TaskState state = TaskState.of(r.get(TASK.STATE));
            Integer other = r.get(TASK.HOST_ID);
            switch (state) {
                case FREE -> {
                    if (other != null) {
                        return false;
                    }
                }
                case ASSIGNED -> {
                    if (other == null || other != hostId) {
                        return false;
                    }
                    if (target == TaskState.ASSIGNED) {
                        return true;
                    }
                }
                default -> {
                    return false;
                }
            }
        } else {
            lockRow(db, taskId);
        }
        var update = db.update(TASK).set(TASK.STATE, target.code()).set(TASK.HOST_ID, hostId);
        if (target == TaskState.OPEN) {
            update = update.set(TASK.START_TIME, DSL.currentOffsetDateTime());
        }
        update.where(TASK.ID.eq(taskId)).execute();
        return true;
    }

    /** Koji's host.closeTask: the host must hold the task OPEN; stores the value as the result. */
    public static void close(DSLContext db, int taskId, int hostId, Object result) {
        finishOwn(db, taskId, hostId, TaskState.CLOSED, TaskCodec.encodeResult(result));
    }

    /** Koji's host.failTask: as close, with the fault stored as the result. */
    public static void fail(DSLContext db, int taskId, int hostId, KojiFault fault) {
        finishOwn(db, taskId, hostId, TaskState.FAILED, TaskCodec.encodeFault(fault));
    }

    /**
     * close or fail with the methodResponse text exactly as a Koji builder sent it (it is checked
     * to decode): a value closes the task, a fault fails it.
     */
    public static void finishRaw(DSLContext db, int taskId, int hostId, String response, boolean failed) {
        try {
            TaskCodec.decodeResult(response);
        } catch (KojiFault f) {
            if (f.getMessage() != null && f.getMessage().startsWith("Invalid task result")) {
                throw f;
            }
        }
        finishOwn(db, taskId, hostId, failed ? TaskState.FAILED : TaskState.CLOSED, response);
    }

    /**
     * Koji's assertHost and the final update in one statement, which matches only while the host
     * holds the task OPEN (its row lock is the update's own); when it matches nothing, the
     * task's absence or another holder is what the fault says, as assertHost would.
     */
    private static void finishOwn(DSLContext db, int taskId, int hostId, TaskState state, String result) {
        int n = db.update(TASK).set(TASK.RESULT, result).set(TASK.STATE, state.code())
                .set(TASK.COMPLETION_TIME, DSL.currentOffsetDateTime())
                .where(TASK.ID.eq(taskId), TASK.HOST_ID.eq(hostId), TASK.STATE.eq(TaskState.OPEN.code()))
                .execute();
        if (n == 0) {
            // The fault assertHost gives; if the task became this host's OPEN task in between, it
            // is now locked as such and the update goes ahead.
            assertHost(db, taskId, hostId);
            finish(db, taskId, state, result);
        }
    }

    private static void finish(DSLContext db, int taskId, TaskState state, String result) {
        db.update(TASK).set(TASK.RESULT, result).set(TASK.STATE, state.code())
                .set(TASK.COMPLETION_TIME, DSL.currentOffsetDateTime())
                .where(TASK.ID.eq(taskId)).execute();
    }

    /** Koji's Task.free: back to FREE with no host; refused for a finished task. */
    public static boolean free(DSLContext db, int taskId) {
        TaskState state = TaskState.of(lockRow(db, taskId).get(TASK.STATE));
        if (state.finished()) {
            throw KojiFault.generic("Cannot free task " + taskId + ", state is " + state.name());
        }
        db.update(TASK).set(TASK.STATE, STATE_FREE).setNull(TASK.HOST_ID).where(TASK.ID.eq(taskId)).execute();
        return true;
    }

    /**
     * Koji's Task.cancel: True if the task is (now or already) canceled, False if it had closed or
     * failed. Its BUILDING builds are canceled with it; with recurse, so are its subtasks, each
     * with its own subtree.
     */
    public static boolean cancel(DSLContext db, int taskId, boolean recurse) {
        TaskState state = TaskState.of(lockRow(db, taskId).get(TASK.STATE));
        if (state == TaskState.CANCELED) {
            return true;
        }
        if (state == TaskState.CLOSED || state == TaskState.FAILED) {
            return false;
        }
        db.update(TASK).set(TASK.STATE, TaskState.CANCELED.code())
                .set(TASK.COMPLETION_TIME, DSL.currentOffsetDateTime())
                .where(TASK.ID.eq(taskId)).execute();
        db.update(BUILD).set(BUILD.STATE, BuildState.CANCELED.code())
                .set(BUILD.COMPLETION_TIME, DSL.currentOffsetDateTime())
                .where(BUILD.TASK_ID.eq(taskId)).and(BUILD.STATE.eq(BuildState.BUILDING.code())).execute();
        if (recurse) {
            cancelChildren(db, taskId);
        }
        return true;
    }

    /** Koji's Task.cancelChildren: cancels each subtask and its subtree. */
    public static void cancelChildren(DSLContext db, int taskId) {
        for (int child : childIds(db, taskId)) {
            cancel(db, child, true);
        }
    }

    /**
     * Koji's Task.cancelFull: cancels the task and every task under it, walking past finished
     * ones (cancel alone stops at them). strict requires a top-level task; otherwise the walk
     * starts from the top of the task's tree.
     */
    public static void cancelFull(DSLContext db, int taskId, boolean strict) {
        Integer parent = db.select(TASK.PARENT).from(TASK).where(TASK.ID.eq(taskId)).forNoKeyUpdate()
                .fetchOne(TASK.PARENT);
        int top = taskId;
        if (parent != null) {
            if (strict) {
                throw KojiFault.generic("Task " + taskId + " is not top-level (parent=" + parent + ")");
            }
            Set<Integer> seen = new HashSet<>(List.of(taskId));
            while (parent != null) {
                if (!seen.add(parent)) {
                    throw KojiFault.generic("Task LOOP at task " + top);
                }
                top = parent;
                parent = db.select(TASK.PARENT).from(TASK).where(TASK.ID.eq(top)).fetchOne(TASK.PARENT);
            }
        }
        List<Integer> queue = new ArrayList<>(List.of(top));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < queue.size(); i++) {
            int id = queue.get(i);
            if (!seen.add(id)) {
                throw KojiFault.generic("Task LOOP at task " + id);
            }
            cancel(db, id, false);
            queue.addAll(childIds(db, id));
        }
    }

    private static List<Integer> childIds(DSLContext db, int taskId) {
        return db.select(TASK.ID).from(TASK).where(TASK.PARENT.eq(taskId)).orderBy(TASK.ID).fetch(TASK.ID);
    }

    /** Koji's Task.setWeight. */
    public static void setWeight(DSLContext db, int taskId, double weight) {
        lockRow(db, taskId);
        db.update(TASK).set(TASK.WEIGHT, weight).where(TASK.ID.eq(taskId)).execute();
    }

    /** Koji's Task.setPriority; with recurse, the whole subtree gets the same priority. */
    public static void setPriority(DSLContext db, int taskId, int priority, boolean recurse) {
        lockRow(db, taskId);
        db.update(TASK).set(TASK.PRIORITY, priority).where(TASK.ID.eq(taskId)).execute();
        if (recurse) {
            for (int child : childIds(db, taskId)) {
                setPriority(db, child, priority, true);
            }
        }
    }

    // ---- waiting ------------------------------------------------------------------------

    /**
     * Koji's host.taskSetWait: the parent is waiting; the listed subtasks (null: all of them) are
     * awaited, and the parent's other subtasks no longer are.
     */
    public static void setWait(DSLContext db, int parentId, List<Integer> subtasks) {
        db.update(TASK).set(TASK.WAITING, true).where(TASK.ID.eq(parentId)).execute();
        if (subtasks == null) {
            db.update(TASK).set(TASK.AWAITED, true).where(TASK.PARENT.eq(parentId)).execute();
        } else if (!subtasks.isEmpty()) {
            db.update(TASK).set(TASK.AWAITED, true).where(TASK.ID.in(subtasks)).and(TASK.PARENT.eq(parentId))
                    .execute();
            db.update(TASK).set(TASK.AWAITED, false).where(TASK.ID.notIn(subtasks))
                    .and(TASK.PARENT.eq(parentId)).and(TASK.AWAITED.isTrue()).execute();
        }
    }

    /**
     * Koji's host.taskWait: [finished, unfinished] ids among the parent's awaited subtasks (only
     * those listed, unless tasks is null); the finished ones stop being awaited.
     */
    public static List<List<Integer>> waitState(DSLContext db, int parentId, List<Integer> tasks) {
        var where = TASK.PARENT.eq(parentId).and(TASK.AWAITED.isTrue());
        if (tasks != null) {
            where = where.and(TASK.ID.in(tasks));
        }
        List<Integer> finished = new ArrayList<>();
        List<Integer> unfinished = new ArrayList<>();
        for (Record r : db.select(TASK.ID, TASK.STATE).from(TASK).where(where).orderBy(TASK.ID).fetch()) {
            (TaskState.of(r.get(TASK.STATE)).finished() ? finished : unfinished).add(r.get(TASK.ID));
        }
        for (int id : finished) {
            db.update(TASK).set(TASK.AWAITED, false).where(TASK.ID.eq(id)).execute();
        }
        return List.of(finished, unfinished);
    }

    /** Koji's host.taskUnwait: the parent stops waiting and none of its subtasks is awaited. */
    public static void unwait(DSLContext db, int parentId) {
        db.update(TASK).set(TASK.WAITING, false).where(TASK.ID.eq(parentId)).execute();
        db.update(TASK).set(TASK.AWAITED, false).where(TASK.PARENT.eq(parentId)).execute();
    }

    /**
     * Koji's host.taskWaitResults: unwaits the parent, then [[id, result], ...] for the listed
     * subtasks (null: all finished ones). A subtask in canfail gives its fault as a struct instead
     * of raising it, and a canceled one in canfail its "is canceled" error the same way.
     */
    public static List<List<Object>> waitResults(DSLContext db, int parentId, List<Integer> tasks,
            List<Integer> canfail) {
        unwait(db, parentId);
        List<Integer> ids = tasks;
        if (ids == null) {
            ids = db.select(TASK.ID).from(TASK).where(TASK.PARENT.eq(parentId))
                    .and(TASK.STATE.in(TaskState.CLOSED.code(), TaskState.FAILED.code(), TaskState.CANCELED.code()))
                    .orderBy(TASK.ID).fetch(TASK.ID);
        }
        List<Integer> mayFail = canfail == null ? List.of() : canfail;
        List<List<Object>> out = new ArrayList<>();
        for (int id : ids) {
            boolean raise = !mayFail.contains(id);
            try {
                out.add(java.util.Arrays.asList(id, TaskStore.result(db, id, raise)));
            } catch (KojiFault f) {
                if (!raise && TaskStore.state(db, id) == TaskState.CANCELED) {
                    out.add(List.of(id, Map.of("faultCode", f.code(), "faultString", f.getMessage())));
                    continue;
                }
                throw f;
            }
        }
        return out;
    }
}
