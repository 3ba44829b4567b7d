package org.kojinext.cli.commands.tasks;

import static org.kojinext.cli.Py.str;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.watch.TaskLabel;
import org.kojinext.cli.watch.TaskStates;
import picocli.CommandLine.Option;

/**
 * Koji's _list_tasks and its selection options (--mine, --user, --arch, --method, --channel,
 * --host), shared by list-tasks and watch-task; plus print_task's table.
 */
public final class TaskSelection {
    @Option(names = "--mine", description = "Just print your tasks")
    boolean mine;

    @Option(names = "--user", description = "Only tasks for this user")
    String user;

    @Option(names = "--arch", description = "Only tasks for this architecture")
    String arch;

    @Option(names = "--method", description = "Only tasks of this method")
    String method;

    @Option(names = "--channel", description = "Only tasks in this channel")
    String channel;

    @Option(names = "--host", description = "Only tasks for this host")
    String host;

    boolean any() {
        return mine || user != null || arch != null || method != null || channel != null || host != null;
    }

    /** A failure Koji reports with print() and sys.exit(1): on standard output. */
    static final class Exit extends RuntimeException {
        Exit(String message) {
            super(message, null, false, false);
        }
    }

    /** The tasks that match, in Koji's order (priority, then creation), as the hub lists them. */
    List<Map<String, Object>> list(HubLink hub, boolean all, Double after, Double before) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("decode", true);
        if (!all) {
            opts.put("state", List.of(TaskStates.FREE, TaskStates.OPEN, TaskStates.ASSIGNED));
        }
        if (after != null) {
            opts.put("startedAfter", after);
        }
        if (before != null) {
            opts.put("startedBefore", before);
        }
        if (mine) {
            if (user != null) {
                throw new CliFailure("GenericError: Can't specify 'mine' and 'user' in same time");
            }
            Object me = hub.call("getLoggedInUser");
            if (!(me instanceof Map<?, ?> m)) {
                throw new Exit("Unable to determine user");
            }
            opts.put("owner", m.get("id"));
        }
        if (user != null) {
            opts.put("owner", idOf(hub.call("getUser", user), "No such user: " + user));
        }
        if (arch != null) {
            opts.put("arch", parseArches(arch));
        }
        if (method != null) {
            opts.put("method", method);
        }
        if (channel != null) {
            opts.put("channel_id", idOf(hub.call("getChannel", channel), "No such channel: " + channel));
        }
        if (host != null) {
            opts.put("host_id", idOf(hub.call("getHost", host), "No such host: " + host));
        }
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (Object o : (List<?>) hub.call("listTasks", opts, Map.of("order", "priority,create_time"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = new LinkedHashMap<>((Map<String, Object>) o);
            tasks.add(t);
        }
        return tasks;
    }

    /** Koji's threading: each parent in the list gets its listed subtasks under "children", they get "sub". */
    static void thread(List<Map<String, Object>> tasks) {
        Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.put(t.get("id"), t));
        for (Map<String, Object> t : tasks) {
            Map<String, Object> parent = t.get("parent") == null ? null : byId.get(t.get("parent"));
            if (parent != null) {
                @SuppressWarnings("unchecked")
                List<Object> children = (List<Object>) parent.computeIfAbsent("children", k -> new ArrayList<>());
                children.add(t);
                t.put("sub", true);
            }
        }
    }

    private static Object idOf(Object info, String missing) {
        if (!(info instanceof Map<?, ?> m)) {
            throw new Exit(missing);
        }
        return m.get("id");
    }

    /** Koji's parse_arches(to_list=True). */
    static List<String> parseArches(String arches) {
        List<String> out = new ArrayList<>();
        for (String a : arches.replace(',', ' ').trim().split("\\s+")) {
            if (a.isEmpty()) {
                continue;
            }
            if (!a.matches("[a-zA-Z0-9_\\-]*")) {
                throw new CliFailure("GenericError: Architecture can be only [a-zA-Z0-9_-]");
            }
            out.add(a);
        }
        return out;
    }

    static void printHeaders(PrintStream out) {
        out.println("ID       Pri  Owner                State    Arch       Name");
    }

    /** Koji's print_task_recurse: the task, then its listed subtasks indented with " +". */
    @SuppressWarnings("unchecked")
    static void printRecurse(PrintStream out, Map<String, Object> task, int depth) {
        String indent = depth == 0 ? "" : "  ".repeat(depth - 1) + " +";
        out.println(String.format("%-8s %-4s %-20s %-8s %-10s ", str(task.get("id")), str(task.get("priority")),
                str(task.get("owner_name")), TaskStates.name(task.get("state")), str(task.get("arch")))
                + indent + TaskLabel.of(task));
        for (Object child : (List<Object>) task.getOrDefault("children", List.of())) {
            printRecurse(out, (Map<String, Object>) child, depth + 1);
        }
    }
}
