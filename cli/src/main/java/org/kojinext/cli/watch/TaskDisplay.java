package org.kojinext.cli.watch;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.HubLink;
import org.kojinext.protocol.KojiFault;

/**
 * How Koji's watch_tasks reports: a task's state ("open (host)", "FAILED: error" with its logs),
 * each change, the free/open/done/failed counts when a task ends, and the final results. Host
 * names are asked once per host, a failure's reason once per failed task.
 */
final class TaskDisplay {
    private final HubLink hub;
    private final PrintStream out;
    private final boolean quiet;
    private final String topurl;
    private final Map<Integer, String> hosts = new HashMap<>();

    TaskDisplay(HubLink hub, PrintStream out, boolean quiet, String topurl) {
        this.hub = hub;
        this.out = out;
        this.quiet = quiet;
        this.topurl = topurl;
    }

    boolean quiet() {
        return quiet;
    }

    void println(String line) {
        if (!quiet) {
            out.println(line);
            out.flush();
        }
    }

    /** The first sight of a task: its state as it is. */
    void first(WatchedTask t) {
        println(t + ": " + state(t.id, t.state, t.hostId, t.level));
    }

    /** A change of state; the caller has not yet stored the new one. Returns true if it changed. */
    boolean change(WatchedTask t, int state, Integer hostId) {
        if (t.state == state) {
            t.hostId = hostId;
            return false;
        }
        String before = state(t.id, t.state, t.hostId, 0);
        t.state = state;
        t.hostId = hostId;
        println(t + ": " + before + " -> " + state(t.id, state, hostId, 0));
        return true;
    }

    /** Koji's display_tasklist_status. */
    void counts(Collection<WatchedTask> tasks) {
        int free = 0;
        int open = 0;
        int done = 0;
        int failed = 0;
        for (WatchedTask t : tasks) {
            switch (t.state) {
                case TaskStates.FAILED -> failed++;
                case TaskStates.CLOSED, TaskStates.CANCELED -> done++;
                case TaskStates.OPEN, TaskStates.ASSIGNED -> open++;
                case TaskStates.FREE -> free++;
                default -> { }
            }
        }
        println("  " + free + " free  " + open + " open  " + done + " done  " + failed + " failed");
    }

    /** Koji's display_task_results, after a blank line: how each top-level task ended. */
    void results(Collection<WatchedTask> tasks) {
        println("");
        for (WatchedTask t : tasks) {
            if (t.level != 0) {
                continue;
            }
            switch (t.state) {
                case TaskStates.CLOSED -> println(t + " completed successfully");
                case TaskStates.FAILED -> println(t + " failed");
                case TaskStates.CANCELED -> println(t + " was canceled");
                default -> println(t + " has not completed");
            }
        }
    }

    /** Koji's message when watching is interrupted. */
    void interrupted(Collection<WatchedTask> tasks, String progname) {
        if (quiet) {
            return;
        }
        List<String> running = new ArrayList<>();
        for (WatchedTask t : tasks) {
            if (!t.done()) {
                running.add(t + ": " + state(t.id, t.state, t.hostId, t.level));
            }
        }
        out.println("Tasks still running. You can continue to watch with the '" + progname
                + " watch-task' command.\nRunning Tasks:\n" + String.join("\n", running));
        out.flush();
    }

    /** Koji's TaskWatcher.display_state. */
    String state(int id, int state, Integer hostId, int level) {
        if (state == TaskStates.OPEN || state == TaskStates.ASSIGNED) {
            String s = TaskStates.lower(state);
            return hostId != null && hostId != 0 ? s + " (" + host(hostId) + ")" : s;
        }
        if (state == TaskStates.FAILED) {
            return "FAILED: " + failure(id) + logs(id, level + 1);
        }
        return TaskStates.lower(state);
    }

    private String host(int id) {
        return hosts.computeIfAbsent(id, h -> {
            Object info = hub.call("getHost", h);
            return info instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : String.valueOf(h);
        });
    }

    private String failure(int id) {
        try {
            hub.call("getTaskResult", id);
            return "";
        } catch (KojiFault f) {
            return f.faultName() + ": " + String.valueOf(f.getMessage()).strip();
        }
    }

    private String logs(int id, int level) {
        if (topurl == null) {
            return "";
        }
        List<String> logs = new ArrayList<>();
        for (Map.Entry<String, List<String>> f : TaskFiles.all(hub, id).entrySet()) {
            if (f.getKey().endsWith("log")) {
                for (String volume : f.getValue()) {
                    logs.add("  ".repeat(level) + TaskFiles.taskDir(topurl, id, volume) + "/" + f.getKey());
                }
            }
        }
        if (logs.isEmpty()) {
            return "";
        }
        return "\n" + "  ".repeat(level) + "Relevant logs:\n" + String.join("\n", logs);
    }
}
