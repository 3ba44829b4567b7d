package org.kojinext.cli.commands.tasks;

import static org.kojinext.cli.Py.str;
import static org.kojinext.cli.Py.truthy;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.watch.TaskFiles;
import org.kojinext.cli.watch.TaskLabel;
import org.kojinext.cli.watch.TaskStates;

/** Koji's _printTaskInfo: one task's details (and its subtasks'), as taskinfo and resubmit print them. */
final class TaskInfoPrinter {
    private static final String BUILDDIR = "/var/lib/mock";

    private final HubLink hub;
    private final PrintStream out;
    private final String topdir;

    TaskInfoPrinter(HubLink hub, PrintStream out, String topdir) {
        this.hub = hub;
        this.out = out;
        this.topdir = topdir;
    }

    void print(int id, int level, boolean recurse, boolean verbose) {
        String indent = " ".repeat(2 * level);
        Object found = hub.call("getTaskInfo", id);
        if (!(found instanceof Map<?, ?> info)) {
            throw new CliFailure("GenericError: No such task: " + id);
        }
        Map<?, ?> host = info.get("host_id") instanceof Number h && h.intValue() != 0
                ? (Map<?, ?>) hub.call("getHost", h) : null;
        List<?> buildroots = (List<?>) hub.callKw("listBuildroots", List.of(), Map.of("taskID", id));
        List<?> builds = (List<?>) hub.callKw("listBuilds", List.of(), Map.of("taskID", id));
        List<String> logs = new ArrayList<>();
        List<String> output = new ArrayList<>();
        for (Map.Entry<String, List<String>> f : TaskFiles.all(hub, id).entrySet()) {
            for (String volume : f.getValue()) {
                String path = TaskFiles.taskDir(topdir, id, volume) + "/" + f.getKey();
                (f.getKey().endsWith(".log") ? logs : output).add(path);
            }
        }
        Map<?, ?> owner = (Map<?, ?>) hub.call("getUser", info.get("owner"));
        String method = String.valueOf(info.get("method"));
        out.println(indent + "Task: " + id);
        out.println(indent + "Type: " + method);
        if (verbose) {
            out.println(indent + "Request Parameters:");
            for (String line : TaskParams.describe(hub, method, id, topdir)) {
                out.println(indent + "  " + line);
            }
        }
        out.println(indent + "Owner: " + owner.get("name"));
        out.println(indent + "State: " + TaskStates.lower(info.get("state")));
        out.println(indent + "Created: " + KojiTimes.asctime(info.get("create_ts")));
        if (truthy(info.get("start_ts"))) {
            out.println(indent + "Started: " + KojiTimes.asctime(info.get("start_ts")));
        }
        if (truthy(info.get("completion_ts"))) {
            out.println(indent + "Finished: " + KojiTimes.asctime(info.get("completion_ts")));
        }
        if (host != null) {
            out.println(indent + "Host: " + host.get("name"));
        }
        if (!builds.isEmpty()) {
            Map<?, ?> b = (Map<?, ?>) builds.get(0);
            out.println(indent + "Build: " + b.get("nvr") + " (" + b.get("build_id") + ")");
        }
        if (!buildroots.isEmpty()) {
            out.println(indent + "Buildroots:");
            for (Object o : buildroots) {
                Map<?, ?> root = (Map<?, ?>) o;
                out.println(indent + "  " + BUILDDIR + "/" + root.get("tag_name") + "-" + root.get("id") + "-"
                        + root.get("repo_id") + "/");
            }
        }
        out.println(indent + "Log Files:");
        paths(indent, logs);
        out.println(indent + "Output:");
        paths(indent, output);
        if (logs.isEmpty() || output.isEmpty()) {
            out.println(indent + "[1] Not all tasks produce outputs, and task outputs are not retained indefinitely.");
        }
        out.println();
        if (recurse) {
            List<Map<?, ?>> children = new ArrayList<>();
            for (Object c : (List<?>) hub.call("getTaskChildren", id, true)) {
                children.add((Map<?, ?>) c);
            }
            children.sort(Comparator.comparingInt(c -> ((Number) c.get("id")).intValue()));
            for (Map<?, ?> c : children) {
                print(((Number) c.get("id")).intValue(), level + 1, true, verbose);
            }
        }
    }

    private void paths(String indent, List<String> paths) {
        if (paths.isEmpty()) {
            out.println(indent + "  No outputs reported [1]");
        }
        for (String p : paths) {
            out.println(indent + "  " + p);
        }
    }
}
