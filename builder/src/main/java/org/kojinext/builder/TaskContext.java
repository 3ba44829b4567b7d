package org.kojinext.builder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * One running task as its handler sees it: its id and the subsession it calls the hub with, as
 * kojid gives each task process its own session.
 */
public final class TaskContext {
    private final int id;
    private final KojiClient session;
    private final double holdSeconds;

    /** @param holdSeconds how long a held call may wait: the builder's hold, which its client's timeout allows */
    TaskContext(int id, KojiClient session, double holdSeconds) {
        this.id = id;
        this.session = session;
        this.holdSeconds = holdSeconds;
    }

    /** How long a held call of this task (awaitSubtasks, repo.waitRequest) may ask to wait. */
    public double holdSeconds() {
        return holdSeconds;
    }

    public int id() {
        return id;
    }

    public KojiClient session() {
        return session;
    }

    /** host.subtask with a label, so a restarted parent gets its old subtask back. */
    public int subtask(String method, List<Object> args, String label) {
        Map<String, Object> opts = new LinkedHashMap<>();
        if (label != null) {
            opts.put("label", label);
        }
        return (Integer) session.callKw("host.subtask", List.of(method, args, id), opts);
    }

    /**
     * Koji's BaseTaskHandler.wait(all=True): marks the subtasks awaited, waits for all of them
     * with held host.awaitSubtasks calls (no polling), then returns host.taskWaitResults.
     */
    public List<Object> waitAll(List<Integer> subtasks, List<Integer> canfail) {
        return waitAll(subtasks, canfail, false);
    }

    /**
     * As {@link #waitAll(List, List)}; with failany, Koji's wait(failany=True): the first subtask
     * that fails (and may not) cancels the others and its fault is raised at once, rather than
     * after every other subtask has run.
     */
    @SuppressWarnings("unchecked")
    public List<Object> waitAll(List<Integer> subtasks, List<Integer> canfail, boolean failany) {
        session.call("host.taskSetWait", id, new ArrayList<Object>(subtasks));
        java.util.Set<Object> checked = new java.util.HashSet<>();
        while (true) {
            List<Object> state = (List<Object>) session.call("host.awaitSubtasks", id, holdSeconds);
            if (failany) {
                for (Object done : (List<Object>) state.get(0)) {
                    if (!checked.add(done) || (canfail != null && canfail.contains(done))
                            || !subtasks.contains(done)) {
                        continue;
                    }
                    int st = (Integer) ((Map<String, Object>) session.call("getTaskInfo", done)).get("state");
                    if (st == 3 || st == 5) {
                        session.call("cancelTaskChildren", id);
                        // Raises the subtask's own fault (a canceled one is Koji's "task canceled").
                        session.call("getTaskResult", done);
                        throw KojiFault.generic("subtask " + done + " failed");
                    }
                }
            }
            if (((List<Object>) state.get(1)).isEmpty()) {
                break;
            }
        }
        return (List<Object>) session.call("host.taskWaitResults", id, new ArrayList<Object>(subtasks),
                canfail == null ? null : new ArrayList<Object>(canfail));
    }
}
