package org.kojinext.cli.builds;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.watch.TaskLabel;

/**
 * A small stand-in for Koji's watch_tasks until the shared task watcher exists: polls the tasks
 * every poll_interval seconds until all are done, then prints Koji's closing result lines. It
 * returns 1 when a task did not complete successfully, as watch_tasks does.
 */
public final class TaskWait {
    private TaskWait() {
    }

    public static int watch(HubLink hub, List<Integer> tasks, boolean quiet, PrintStream out) {
        if (tasks.isEmpty()) {
            return 0;
        }
        if (!quiet) {
            out.println("Watching tasks (this may be safely interrupted)...");
            out.flush();
        }
        long pause = Math.max(1, hub.profile().integer("poll_interval")) * 1000L;
        Map<Integer, Map<String, Object>> info = new LinkedHashMap<>();
        while (true) {
            boolean done = true;
            for (int id : tasks) {
                Map<String, Object> t = Py.map(hub.callKw("getTaskInfo", List.of(id), Map.of("request", true)));
                info.put(id, t);
                int state = Py.intOf(t.get("state"));
                done &= state == 2 || state == 3 || state == 5;
            }
            if (done) {
                break;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        int rv = 0;
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> t : info.values()) {
            String label = t.get("id") + " " + TaskLabel.of(t);
            switch (Py.intOf(t.get("state"))) {
                case 2 -> lines.add(label + " completed successfully");
                case 5 -> {
                    lines.add(label + " failed");
                    rv = 1;
                }
                default -> {
                    lines.add(label + " was canceled");
                    rv = 1;
                }
            }
        }
        if (!quiet) {
            out.println();
            lines.forEach(out::println);
        }
        return rv;
    }
}
