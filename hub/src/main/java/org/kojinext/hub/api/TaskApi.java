package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.HOST;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.hosts.ChannelStore;
import org.kojinext.hub.hosts.HostStore;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.tasks.TaskList;
import org.kojinext.hub.tasks.TaskOptions;
import org.kojinext.hub.tasks.TaskOutput;
import org.kojinext.hub.tasks.TaskRuns;
import org.kojinext.hub.tasks.TaskState;
import org.kojinext.hub.tasks.TaskStore;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/** Tasks as users and admins see them: Koji's task methods outside the host.* namespace. */
public final class TaskApi implements ApiModule {
    private final TaskOutput output;

    public TaskApi(Path topdir) {
        this.output = new TaskOutput(topdir);
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("makeTask").param("method").param("arglist").varkw("opts")
                .access(Access.admin())
                .doc("Create a task of any method with the given arguments (for debugging). Options: parent, "
                        + "label, channel, arch, priority, assign; owner is not allowed. Returns the task id.")
                .handler((ctx, a) -> {
                    if (a.varkw().containsKey("owner")) {
                        throw KojiFault.notAllowed("The owner option is not allowed here");
                    }
                    if (!(a.get("method") instanceof String method)) {
                        throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(a.get("method"))
                                + ", expected type <class 'str'>");
                    }
                    List<Object> args = a.list("arglist");
                    return TaskWriter.create(ctx, method, args == null ? List.of() : args,
                            TaskOptions.from(a.varkw()));
                });
        m.method("getTaskInfo").param("task_id").param("request", false).param("strict", false)
                .access(Access.anonymousRead())
                .doc("A task's info (id, state, times and *_ts, channel_id, host_id, parent, label, waiting, "
                        + "awaited, owner, method, arch, priority, weight; request if asked); a list of ids "
                        + "gives a list. None for a missing task unless strict.")
                .handler((ctx, a) -> {
                    Object ids = a.get("task_id");
                    boolean request = a.bool("request");
                    boolean strict = a.bool("strict");
                    if (ids instanceof List<?> l) {
                        List<Object> out = new ArrayList<>();
                        for (Object id : l) {
                            out.add(info(ctx.db(), taskId(id), request, strict));
                        }
                        return out;
                    }
                    return info(ctx.db(), taskId(ids), request, strict);
                });
        m.method("getTaskRequest").param("taskId")
                .access(Access.anonymousRead())
                .doc("The arguments the task was created with.")
                .handler((ctx, a) -> TaskStore.request(ctx.db(), taskId(a.get("taskId"))));
        m.method("getTaskResult").param("taskId").param("raise_fault", true)
                .access(Access.anonymousRead())
                .doc("The result of a closed or failed task. A failed task's fault is raised again, or with "
                        + "raise_fault=False returned as {faultCode, faultString}.")
                .handler((ctx, a) -> TaskStore.result(ctx.db(), taskId(a.get("taskId")), a.bool("raise_fault")));
        m.method("getTaskChildren").param("task_id").param("request", false).param("strict", false)
                .access(Access.anonymousRead())
                .doc("The task's direct subtasks, as getTaskInfo gives them.")
                .handler((ctx, a) -> {
                    int id = taskId(a.get("task_id"));
                    if (a.bool("strict")) {
                        info(ctx.db(), id, false, true);
                    }
                    return TaskStore.children(ctx.db(), id, a.bool("request"));
                });
        m.method("getTaskDescendents").param("task_id").param("request", false)
                .access(Access.anonymousRead())
                .doc("Every task under this one: a map of task id (as a string) to its children, this task "
                        + "included.")
                .handler((ctx, a) -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    descend(ctx.db(), taskId(a.get("task_id")), a.bool("request"), out);
                    return out;
                });
        m.method("listTasks").param("opts", null).param("queryOpts", null)
                .access(Access.anonymousRead())
                .doc("Tasks filtered by opts: arch, not_arch, state, not_state (lists), owner, host_id, "
                        + "channel_id, parent and their not_ forms (id, list or None), method, decode, "
                        + "createdBefore/After, startedBefore/After, completeBefore/After (epoch seconds or ISO "
                        + "text). queryOpts: order, offset, limit, countOnly.")
                .handler((ctx, a) -> TaskList.list(ctx.db(), a.map("opts"), a.map("queryOpts")));
        m.method("cancelTask").param("task_id").param("recurse", true)
                .access(Access.loggedIn())
                .doc("Cancel a task and, with recurse, its subtasks. The owner, the host running it or an admin.")
                .handler((ctx, a) -> {
                    int id = taskId(a.get("task_id"));
                    assertOwnerOrHost(ctx, id);
                    TaskWriter.cancel(ctx.db(), id, a.bool("recurse"));
                    return null;
                });
        m.method("cancelTaskFull").param("task_id").param("strict", true)
                .access(Access.admin())
                .doc("Cancel a task and every task in its tree. strict requires a top-level task; otherwise "
                        + "the tree's top is found first.")
                .handler((ctx, a) -> {
                    TaskWriter.cancelFull(ctx.db(), taskId(a.get("task_id")), a.bool("strict"));
                    return null;
                });
        m.method("cancelTaskChildren").param("task_id")
                .access(Access.loggedIn())
                .doc("Cancel a task's subtasks but not the task. The owner, the host running it or an admin.")
                .handler((ctx, a) -> {
                    int id = taskId(a.get("task_id"));
                    assertOwnerOrHost(ctx, id);
                    TaskWriter.cancelChildren(ctx.db(), id);
                    return null;
                });
        m.method("freeTask").param("task_id")
                .access(Access.admin())
                .doc("Put an unfinished task back to FREE, with no host.")
                .handler((ctx, a) -> {
                    TaskWriter.free(ctx.db(), taskId(a.get("task_id")));
                    return null;
                });
        m.method("assignTask").param("task_id").param("host").param("force", false).param("override", false)
                .access(Access.admin())
                .doc("Assign a task to a host (id or name). force takes a task that is not free; override "
                        + "keeps the scheduler from assigning it elsewhere later. Returns whether it was assigned.")
                .handler((ctx, a) -> {
                    int id = taskId(a.get("task_id"));
                    int host = HostStore.requireId(ctx.db(), a.get("host"));
                    return TaskRuns.assign(ctx.db(), id, host, a.bool("force"), a.bool("override"));
                });
        m.method("setTaskPriority").param("task_id").param("priority").param("recurse", true)
                .access(Access.admin())
                .doc("Set an unfinished task's priority (lower runs first), and its subtasks' with recurse.")
                .handler((ctx, a) -> {
                    int id = taskId(a.get("task_id"));
                    int priority = toInt(a.get("priority"));
                    if (TaskStore.state(ctx.db(), id).finished()) {
                        throw KojiFault.generic("Finished task's priority can't be updated");
                    }
                    TaskWriter.setPriority(ctx.db(), id, priority, a.bool("recurse"));
                    return null;
                });
        m.method("resubmitTask").param("taskID")
                .access(Access.loggedIn())
                .doc("Make a new task like a canceled or failed top-level one (same method, arguments, arch, "
                        + "channel and priority). The owner or an admin. Returns the new task's id.")
                .handler((ctx, a) -> resubmit(ctx, taskId(a.get("taskID"))));
        m.method("listTaskOutput").param("taskID").param("stat", false).param("all_volumes", false)
                .param("strict", false)
                .access(Access.anonymousRead())
                .doc("Files in the task's work directory: relative names; with stat a map of name to st_size "
                        + "(a string), st_atime, st_mtime, st_ctime; with all_volumes keyed by volume too.")
                .handler((ctx, a) -> {
                    int id = taskId(a.get("taskID"));
                    if (a.bool("strict") && TaskStore.info(ctx.db(), id, false) == null) {
                        throw KojiFault.generic("Task doesn't exist");
                    }
                    return output.list(id, a.bool("stat"), a.bool("all_volumes"));
                });
        m.method("downloadTaskOutput").param("taskID").param("fileName").param("offset", 0).param("size", -1)
                .param("volume", null)
                .access(Access.anonymousRead())
                .doc("Bytes of a file in the task's work directory (base64 on the wire), from offset (negative: "
                        + "from the end), size bytes or all (-1).")
                .handler((ctx, a) -> {
                    Object volume = a.get("volume");
                    if (KojiArgs.truthy(volume) && !TaskOutput.DEFAULT_VOLUME.equals(volume)) {
                        throw KojiFault.generic("No such volume: " + PythonRepr.str(volume));
                    }
                    Object offset = a.get("offset");
                    long off = offset instanceof String s ? toInt(s) : offset == null ? 0 : toInt(offset);
                    return output.read(taskId(a.get("taskID")), a.requireStr("fileName"), off, toInt(a.get("size")));
                });
        m.method("taskFinished").param("taskId")
                .access(Access.anonymousRead())
                .doc("Whether the task is closed, canceled or failed.")
                .handler((ctx, a) -> TaskStore.state(ctx.db(), taskId(a.get("taskId"))).finished());
    }

    private static Map<String, Object> info(DSLContext db, int id, boolean request, boolean strict) {
        Map<String, Object> info = TaskStore.info(db, id, request);
        if (info == null && strict) {
            // Koji's QueryProcessor.executeOne(strict=True) says no more than this.
            throw KojiFault.generic("query returned no rows");
        }
        return info;
    }

    private static void descend(DSLContext db, int id, boolean request, Map<String, Object> out) {
        List<Map<String, Object>> children = TaskStore.children(db, id, request);
        out.put(Integer.toString(id), children);
        for (Map<String, Object> child : children) {
            descend(db, (Integer) child.get("id"), request, out);
        }
    }

    /** Koji's rule for cancelTask and cancelTaskChildren: the owner, the host holding it open, or admin. */
    private static void assertOwnerOrHost(CallContext ctx, int taskId) {
        DSLContext db = ctx.db();
        if (TaskWriter.verifyOwner(db, taskId, ctx.userId())) {
            return;
        }
        Integer host = db.select(HOST.ID).from(HOST).where(HOST.USER_ID.eq(ctx.userId())).fetchOne(HOST.ID);
        if (TaskWriter.verifyHost(db, taskId, host) || ctx.hasPerm("admin")) {
            return;
        }
        throw KojiFault.notAllowed("Cannot cancel task, not owner");
    }

    private static int resubmit(CallContext ctx, int id) {
        DSLContext db = ctx.db();
        TaskState state = TaskStore.state(db, id);
        if (state != TaskState.CANCELED && state != TaskState.FAILED) {
            throw KojiFault.generic("only canceled or failed tasks may be resubmitted");
        }
        Map<String, Object> info = TaskStore.require(db, id, false);
        if (info.get("parent") != null) {
            throw KojiFault.generic("only top-level tasks may be resubmitted");
        }
        if (!(info.get("owner").equals(ctx.userId()) || ctx.hasPerm("admin"))) {
            throw KojiFault.generic("only the task owner or an admin may resubmit a task");
        }
        Object channel = ChannelStore.get(db, info.get("channel_id"), true).get("name");
        // As in Koji, the copy belongs to whoever resubmits it.
        return TaskWriter.create(ctx, (String) info.get("method"), TaskStore.request(db, id),
                TaskOptions.none().arch(info.get("arch")).channel(channel).priority((Integer) info.get("priority")));
    }

    static int taskId(Object v) {
        return toInt(v);
    }

    private static int toInt(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw KojiFault.parameter("Invalid type for value '" + PythonRepr.str(v) + "': expected type <class 'int'>");
    }
}
