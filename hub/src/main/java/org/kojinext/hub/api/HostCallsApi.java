package org.kojinext.hub.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kojinext.hub.hosts.HostStore;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.scheduler.Dispatch;
import org.kojinext.hub.scheduler.Handover;
import org.kojinext.hub.scheduler.HostReports;
import org.kojinext.hub.scheduler.HostTasks;
import org.kojinext.hub.scheduler.Waits;
import org.kojinext.hub.tasks.TaskOptions;
import org.kojinext.hub.tasks.TaskState;
import org.kojinext.hub.tasks.TaskStore;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * The calls a builder makes, Koji's HostExports under the "host." prefix. Each requires the
 * caller to be a host with an exclusive session (Access.host()), and acts for that host only:
 * a task is touched only while it is OPEN on the caller (Koji's assertHost), so a builder whose
 * task was freed or reassigned has its late results refused.
 *
 * <p>Koji Next adds two held calls: {@code host.waitTasks}, the builder's long poll for work, and
 * {@code host.awaitSubtasks}, taskWait that holds until a subtask finishes.
 */
public final class HostCallsApi implements ApiModule {
    private final Dispatch dispatch;

    public HostCallsApi(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("host.getID")
                .access(Access.host())
                .doc("The id of the calling host.")
                .handler((ctx, a) -> ctx.requireHost());
        m.method("host.updateHost").param("task_load").param("ready").param("data", null)
                .access(Access.host()).retryable()
                .doc("Report the host's task load and readiness; data ({methods, maxjobs}) goes to the scheduler.")
                .handler(this::updateHost);
        m.method("host.setHostData").param("hostdata")
                .access(Access.host())
                .doc("Provide host data for the scheduler (a dict, or its JSON text as older builders send).")
                .handler((ctx, a) -> {
                    HostReports.setData(ctx.db(), ctx.requireHost(), a.get("hostdata"));
                    return null;
                });
        m.method("host.getHost")
                .access(Access.host())
                .doc("Return information about this host.")
                .handler((ctx, a) -> HostStore.get(ctx.db(), ctx.requireHost(), true, null));
        m.method("host.getLoadData")
                .access(Access.host())
                .doc("[[this host, with its channel ids], its assigned tasks], Koji's compatibility form.")
                .handler(this::loadData);
        m.method("host.getTasks")
                .access(Access.host())
                .doc("The tasks assigned to this host, by priority and age.")
                .handler((ctx, a) -> HostTasks.assigned(ctx.db(), ctx.requireHost()));
        m.method("host.getHostTasks")
                .access(Access.host())
                .doc("This host's open tasks: id, waiting, weight, and alert when an awaited subtask finished.")
                .handler((ctx, a) -> HostTasks.open(ctx.db(), ctx.requireHost()));
        m.method("host.openTask").param("task_id")
                .access(Access.host())
                .doc("Open a task assigned to this host; returns its info with the request, or None.")
                .handler((ctx, a) -> TaskWriter.open(ctx.db(), taskId(a, "task_id"), ctx.requireHost()));
        m.method("host.closeTask").param("task_id").param("response")
                .access(Access.host())
                .doc("Close an open task of this host; response is the XML-RPC methodResponse text of its result.")
                .handler((ctx, a) -> finish(ctx, a, false));
        m.method("host.failTask").param("task_id").param("response")
                .access(Access.host())
                .doc("Fail an open task of this host; response is the XML-RPC fault text.")
                .handler((ctx, a) -> finish(ctx, a, true));
        m.method("host.freeTasks").param("tasks")
                .access(Access.host())
                .doc("Free the listed tasks that are open on this host; others are skipped.")
                .handler(this::freeTasks);
        m.method("host.setTaskWeight").param("task_id").param("weight")
                .access(Access.host())
                .doc("Set the weight of an open task of this host.")
                .handler((ctx, a) -> {
                    int id = taskId(a, "task_id");
                    TaskWriter.assertHost(ctx.db(), id, ctx.requireHost());
                    TaskWriter.setWeight(ctx.db(), id, HostReports.number(a.get("weight"), "weight"));
                    return null;
                });
        m.method("host.refuseTask").param("task_id").param("soft", true).param("msg", "")
                .access(Access.host())
                .doc("Refuse a task assigned to this host and free it; a soft refusal expires.")
                .handler(this::refuseTask);
        m.method("host.subtask").param("method").param("arglist").param("parent").varkw("opts")
                .access(Access.host())
                .doc("Make a subtask of an open task of this host; a label already used returns that task.")
                .handler((ctx, a) -> subtask(ctx, a.get("method"), a.list("arglist"), a.get("parent"), a.varkw()));
        m.method("host.subtask2").param("__parent").param("__taskopts").param("__method").varargs("args")
                .varkw("opts")
                .access(Access.host())
                .doc("subtask with the subtask's own arguments and keyword arguments passed through.")
                .handler(this::subtask2);
        m.method("host.taskSetWait").param("parent").param("tasks")
                .access(Access.host()).retryable()
                .doc("Mark the parent waiting and the listed subtasks (None: all) awaited.")
                .handler((ctx, a) -> {
                    ctx.requireHost();
                    TaskWriter.setWait(ctx.db(), taskId(a, "parent"), ids(a.get("tasks")));
                    return null;
                });
        m.method("host.taskWait").param("parent")
                .access(Access.host()).retryable()
                .doc("[finished, unfinished] ids of the parent's awaited subtasks; finished ones stop being awaited.")
                .handler((ctx, a) -> {
                    ctx.requireHost();
                    return TaskWriter.waitState(ctx.db(), taskId(a, "parent"), null);
                });
        m.method("host.taskWaitResults").param("parent").param("tasks").param("canfail", null)
                .access(Access.host())
                .doc("Stop waiting and return [[id, result], ...] of the listed subtasks (None: all finished).")
                .handler((ctx, a) -> {
                    ctx.requireHost();
                    return TaskWriter.waitResults(ctx.db(), taskId(a, "parent"), ids(a.get("tasks")),
                            ids(a.get("canfail")));
                });
        m.method("host.waitTasks").param("running", null).param("timeout", null).param("ready", true)
                .param("open", null)
                .access(Access.host())
                .doc("Koji Next: the builder's held call. Answers {assigned, opened, lost} at once when tasks "
                        + "are assigned to this host or a running task is no longer its own, else holds until that "
                        + "happens or timeout seconds pass (at most the hub's builder.hold_seconds). open, a dict "
                        + "{method: weight}, has the hub open the assigned tasks of those methods before it "
                        + "answers (in the scheduler run that assigns them, when the call is held on that hub), "
                        + "with that weight and a subsession each: they come back in opened, each with its "
                        + "request and session, as openTask, setTaskWeight and subsession would give; any other "
                        + "OPEN task of the host that running does not list is freed. "
                        + "Each call also tells the hub the host is alive, and ready unless ready is False.")
                .handler(this::waitTasks);
        m.method("host.awaitSubtasks").param("parent").param("timeout", null)
                .access(Access.host()).retryable()
                .doc("Koji Next: host.taskWait that holds, up to timeout seconds, while no awaited subtask has "
                        + "finished and some are unfinished.")
                .handler(this::awaitSubtasks);
    }

    private Object updateHost(CallContext ctx, Args a) {
        int host = ctx.requireHost();
        HostReports.update(ctx.db(), host, HostReports.number(a.get("task_load"), "task_load"), a.bool("ready"));
        if (a.get("data") != null) {
            HostReports.setData(ctx.db(), host, a.get("data"));
        }
        return null;
    }

    private Object loadData(CallContext ctx, Args a) {
        int host = ctx.requireHost();
        Map<String, Object> info = HostStore.get(ctx.db(), host, true, null);
        info.put("channels", HostTasks.channelIds(ctx.db(), host));
        return List.of(List.of(info), HostTasks.assigned(ctx.db(), host));
    }

    private Object finish(CallContext ctx, Args a, boolean failed) {
        Object response = a.get("response");
        if (!(response instanceof String text)) {
            throw KojiFault.parameter("response must be the XML-RPC text of the result");
        }
        TaskWriter.finishRaw(ctx.db(), taskId(a, "task_id"), ctx.requireHost(), text, failed);
        return null;
    }

    private Object freeTasks(CallContext ctx, Args a) {
        int host = ctx.requireHost();
        for (Integer id : ids(a.get("tasks"))) {
            // A task freed or reassigned since the host last looked is skipped, as in Koji.
            if (TaskWriter.verifyHost(ctx.db(), id, host)) {
                TaskWriter.free(ctx.db(), id);
            }
        }
        return null;
    }

    private Object refuseTask(CallContext ctx, Args a) {
        int host = ctx.requireHost();
        int id = taskId(a, "task_id");
        Map<String, Object> info = TaskStore.require(ctx.db(), id, false);
        if (!Integer.valueOf(host).equals(info.get("host_id"))) {
            return null;
        }
        HostTasks.refuse(ctx.db(), host, id, KojiArgs.truthy(a.get("soft")),
                a.get("msg") == null ? "" : String.valueOf(a.get("msg")));
        TaskWriter.free(ctx.db(), id);
        return null;
    }

    private Object subtask(CallContext ctx, Object method, List<Object> arglist, Object parent,
                           Map<String, Object> opts) {
        int host = ctx.requireHost();
        if (!(parent instanceof Integer p)) {
            throw KojiFault.parameter("parent must be a task id");
        }
        TaskWriter.assertHost(ctx.db(), p, host);
        Map<String, Object> o = new LinkedHashMap<>(opts);
        if (o.containsKey("owner")) {
            throw KojiFault.notAllowed("The owner option is not allowed here");
        }
        List<Object> args = arglist == null ? List.of() : new ArrayList<>(arglist);
        Object kwargs = o.remove("kwargs");
        if (kwargs instanceof Map<?, ?> kw && !kw.isEmpty()) {
            Map<String, Object> star = new LinkedHashMap<>();
            kw.forEach((k, v) -> star.put(String.valueOf(k), v));
            star.put("__starstar", true);
            args.add(star);
        }
        o.put("parent", p);
        return TaskWriter.create(ctx, method instanceof String s ? s : null, args, TaskOptions.from(o));
    }

    private Object subtask2(CallContext ctx, Args a) {
        List<Object> args = new ArrayList<>(a.varargs());
        Map<String, Object> kw = a.varkw();
        if (!kw.isEmpty()) {
            Map<String, Object> star = new LinkedHashMap<>(kw);
            star.put("__starstar", true);
            args.add(star);
        }
        Map<String, Object> taskopts = a.map("__taskopts");
        return subtask(ctx, a.get("__method"), args, a.get("__parent"), taskopts == null ? Map.of() : taskopts);
    }

    private Object waitTasks(CallContext ctx, Args a) {
        int host = ctx.requireHost();
        Set<Integer> running = new HashSet<>(ids(a.get("running")) == null ? List.of() : ids(a.get("running")));
        Duration hold = holdFor(a.get("timeout"));
        Map<String, Double> opening = weights(a.get("open"));
        HostReports.seen(ctx.db(), host, a.bool("ready"), dispatch.config().heartbeatInterval());
        long deadline = System.nanoTime() + hold.toNanos();
        try (Waits.Waiter w = dispatch.waits().register(c -> HostTasks.concerns(c, host, running));
             Handover.Taker taker = opening.isEmpty() ? null
                     : dispatch.handover().offer(host, ctx.requireSession(), opening, w)) {
            while (true) {
                if (taker != null && taker.delivered()) {
                    // A scheduler run of this hub opened tasks for this call: they are the answer.
                    return answer(List.of(), taker.take(), List.of());
                }
                HostTasks.Pending pending = HostTasks.pending(ctx.db(), host, running, taker != null);
                long left = deadline - System.nanoTime();
                if (pending != null || left <= 0) {
                    List<Map<String, Object>> handed = taker == null ? List.of() : taker.take();
                    if (pending == null) {
                        return answer(List.of(), handed, List.of());
                    }
                    freeUnknown(ctx, host, pending.unknown(), handed);
                    return openAssigned(ctx, host, pending, opening, handed);
                }
                // Holding pins neither a connection nor a platform thread.
                ctx.tx().release();
                hold(w, left);
            }
        }
    }

    private static Map<String, Object> answer(List<?> assigned, List<?> opened, Object lost) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("assigned", assigned);
        m.put("opened", opened);
        m.put("lost", lost);
        return m;
    }

    /**
     * Opens the answer's assigned tasks whose methods the builder named, each with its weight and
     * a subsession; one the builder did not name stays in assigned, for it to refuse. A task
     * another writer took first (canceled, freed) is left out.
     */
    private static Map<String, Object> openAssigned(CallContext ctx, int host, HostTasks.Pending pending,
                                                    Map<String, Double> opening, List<Map<String, Object>> handed) {
        List<Object> assigned = new ArrayList<>();
        List<TaskWriter.Opening> openings = new ArrayList<>();
        for (Map<String, Object> task : pending.assigned()) {
            Double weight = opening.get(String.valueOf(task.get("method")));
            if (weight == null) {
                assigned.add(task);
            } else {
                openings.add(new TaskWriter.Opening((Integer) task.get("id"), host, weight));
            }
        }
        List<Object> opened = new ArrayList<>(handed);
        if (!openings.isEmpty()) {
            opened.addAll(HostTasks.openWithSubsessions(ctx.db(), openings, h -> ctx.requireSession()).values());
        }
        return answer(assigned, opened, pending.lost());
    }

    /**
     * Frees the host's OPEN tasks that its builder, which counts what it runs, does not know of:
     * an answer that opened them was lost on the way (or a run's commit failed after it took
     * effect). Freed, they go to the next builder with room instead of waiting on one that will
     * never run them. Those this call hands over itself are of course known.
     */
    private static void freeUnknown(CallContext ctx, int host, List<Integer> unknown,
                                    List<Map<String, Object>> handed) {
        Set<Object> handedIds = new HashSet<>();
        for (Map<String, Object> t : handed) {
            handedIds.add(t.get("id"));
        }
        for (Integer id : unknown) {
            if (!handedIds.contains(id) && TaskWriter.verifyHost(ctx.db(), id, host)) {
                TaskWriter.free(ctx.db(), id);
            }
        }
    }

    /** waitTasks' open argument: {method: weight}, or none. */
    private static Map<String, Double> weights(Object open) {
        if (open == null) {
            return Map.of();
        }
        if (!(open instanceof Map<?, ?> map)) {
            throw KojiFault.parameter("Invalid type for value '" + open + "': expected dict");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            double w = HostReports.number(v, "weight");
            if (w < 0 || Double.isNaN(w)) {
                throw KojiFault.parameter("Invalid weight for " + k + ": " + v);
            }
            out.put(String.valueOf(k), w);
        });
        return out;
    }

    private Object awaitSubtasks(CallContext ctx, Args a) {
        ctx.requireHost();
        int parent = taskId(a, "parent");
        Duration hold = holdFor(a.get("timeout"));
        long deadline = System.nanoTime() + hold.toNanos();
        try (Waits.Waiter w = dispatch.waits().register(c -> c.parent() != null && c.parent() == parent
                && c.state() != null && TaskState.of(c.state()).finished())) {
            while (true) {
                List<List<Integer>> state = TaskWriter.waitState(ctx.db(), parent, null);
                long left = deadline - System.nanoTime();
                if (!state.get(0).isEmpty() || state.get(1).isEmpty() || left <= 0) {
                    return state;
                }
                ctx.tx().release();
                hold(w, left);
            }
        }
    }

    private void hold(Waits.Waiter w, long nanos) {
        try {
            w.await(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KojiFault.generic("the hub is shutting down");
        }
        // Closing wakes every held call: none may then read a database that is closing too.
        if (dispatch.closed()) {
            throw KojiFault.generic("the hub is shutting down");
        }
    }

    private Duration holdFor(Object timeout) {
        Duration max = dispatch.config().holdTimeout();
        if (timeout instanceof Number n) {
            Duration asked = Duration.ofMillis((long) (n.doubleValue() * 1000));
            return asked.isNegative() ? Duration.ZERO : asked.compareTo(max) < 0 ? asked : max;
        }
        return max;
    }

    private static int taskId(Args a, String name) {
        Object v = a.get(name);
        if (v instanceof Integer i) {
            return i;
        }
        throw KojiFault.parameter("Invalid type for value '" + v + "': expected int");
    }

    private static List<Integer> ids(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw KojiFault.parameter("Invalid type for value '" + v + "': expected list");
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Integer i)) {
                throw KojiFault.parameter("Invalid task id: " + o);
            }
            out.add(i);
        }
        return out;
    }
}
