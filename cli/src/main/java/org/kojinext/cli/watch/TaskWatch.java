package org.kojinext.cli.watch;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.kojinext.cli.HubLink;

/**
 * Koji's watch_tasks: prints each watched task and its subtasks as they change, then how the
 * top-level tasks ended; the status is 1 when one of them did not close. Against a Koji Next hub
 * it follows the hub's event stream and asks the hub only about tasks it has not seen (their
 * labels), hosts it has not named and failures; against a hub without the stream (Koji's own) it
 * polls as Koji does, every poll_interval seconds.
 */
public final class TaskWatch {
    private final HubLink hub;
    private final TaskDisplay display;
    private final Duration pollInterval;
    private final String progname;
    private final Map<Integer, WatchedTask> tasks = new LinkedHashMap<>();

    public TaskWatch(HubLink hub, PrintStream out, boolean quiet, Duration pollInterval, String topurl, String progname) {
        this.hub = hub;
        this.display = new TaskDisplay(hub, out, quiet, topurl);
        this.pollInterval = pollInterval;
        this.progname = progname;
    }

    /** A task id the hub does not know: Koji prints it and exits with status 1. */
    private static final class NoSuchTask extends RuntimeException {
        final int id;

        NoSuchTask(int id) {
            super(null, null, false, false);
            this.id = id;
        }
    }

    /** Watches until every task has ended; returns the exit status. */
    public int watch(List<Integer> ids) throws InterruptedException {
        if (ids.isEmpty()) {
            return 0;
        }
        display.println("Watching tasks (this may be safely interrupted)...");
        Thread hook = new Thread(this::interrupted, "watch-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<TaskEventStream> streams = new ArrayList<>();
            BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
            try {
                if (openStreams(ids, events, streams)) {
                    followEvents(ids, events);
                } else {
                    poll(ids);
                }
            } finally {
                streams.forEach(TaskEventStream::close);
            }
            synchronized (tasks) {
                display.results(tasks.values());
                return tasks.values().stream().anyMatch(t -> t.level == 0 && !t.success()) ? 1 : 0;
            }
        } catch (NoSuchTask e) {
            display.println("No such task id: " + e.id);
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it reports and ends the process
            }
        }
    }

    /** True if the hub streams every task's events; false for a hub without the stream. */
    private boolean openStreams(List<Integer> ids, BlockingQueue<Map<String, Object>> events,
                                List<TaskEventStream> streams) throws InterruptedException {
        for (int id : ids) {
            TaskEventStream s;
            try {
                s = TaskEventStream.open(hub.server(), id, Duration.ofSeconds(60), events::add);
            } catch (IOException e) {
                // unreachable for a GET: the RPC calls that follow say why, as for any command
                return false;
            }
            if (s == null) {
                return false;
            }
            streams.add(s);
        }
        return true;
    }

    private void followEvents(List<Integer> roots, BlockingQueue<Map<String, Object>> events)
            throws InterruptedException {
        for (int id : roots) {
            if (!tasks.containsKey(id)) {
                see(id, 0, null);
            }
        }
        if (allDone()) {
            // Nothing will change: the subtasks are asked for once, as Koji's first round does.
            poll(roots);
            return;
        }
        while (!allDone()) {
            Map<String, Object> e = events.take();
            int id = ((Number) e.get("id")).intValue();
            int state = ((Number) e.get("state")).intValue();
            Integer host = e.get("host_id") instanceof Number n ? n.intValue() : null;
            WatchedTask t = tasks.get(id);
            if (t == null) {
                WatchedTask parent = e.get("parent") instanceof Number p ? tasks.get(p.intValue()) : null;
                see(id, parent == null ? 1 : parent.level + 1, new int[] {state, host == null ? 0 : host});
            } else if (display.change(t, state, host) && t.done()) {
                display.counts(tasks.values());
            }
        }
    }

    /** Koji's loop: every task's info and children each round, a pause between rounds. */
    private void poll(List<Integer> roots) throws InterruptedException {
        List<Integer> order = new ArrayList<>(roots);
        while (true) {
            boolean allDone = true;
            boolean foundChildren = false;
            for (int i = 0; i < order.size(); i++) {
                int id = order.get(i);
                WatchedTask t = tasks.get(id);
                boolean changed = false;
                if (t == null) {
                    t = see(id, 0, null);
                } else if (!t.done()) {
                    Map<?, ?> info = info(id);
                    changed = display.change(t, state(info), host(info));
                }
                if (!t.done()) {
                    allDone = false;
                } else if (changed) {
                    display.counts(tasks.values());
                }
                for (Object o : (List<?>) hub.call("getTaskChildren", id)) {
                    int child = ((Number) ((Map<?, ?>) o).get("id")).intValue();
                    if (!tasks.containsKey(child)) {
                        order.add(child);
                        see(child, t.level + 1, null);
                        allDone = false;
                        foundChildren = true;
                    }
                }
            }
            if (allDone) {
                return;
            }
            // A round that only found subtasks of finished tasks needs no pause before the next.
            if (!foundChildren || !tasks.values().stream().allMatch(WatchedTask::done)) {
                Thread.sleep(pollInterval.toMillis());
            }
        }
    }

    /** A task seen for the first time: its label from the hub, printed with its state. */
    private WatchedTask see(int id, int level, int[] stateAndHost) {
        Map<?, ?> info = info(id);
        int state = stateAndHost != null ? stateAndHost[0] : state(info);
        Integer host = stateAndHost != null ? (stateAndHost[1] == 0 ? null : stateAndHost[1]) : host(info);
        WatchedTask t = new WatchedTask(id, level, TaskLabel.of(info), state, host);
        synchronized (tasks) {
            tasks.put(id, t);
        }
        display.first(t);
        return t;
    }

    private Map<?, ?> info(int id) {
        Object info = hub.call("getTaskInfo", id, true);
        if (!(info instanceof Map<?, ?> m)) {
            throw new NoSuchTask(id);
        }
        return m;
    }

    private static int state(Map<?, ?> info) {
        return ((Number) info.get("state")).intValue();
    }

    private static Integer host(Map<?, ?> info) {
        return info.get("host_id") instanceof Number n ? n.intValue() : null;
    }

    private boolean allDone() {
        return tasks.values().stream().allMatch(WatchedTask::done);
    }

    /** Ctrl-C: Koji's list of what still runs; the process then ends with status 1, as Koji's. */
    private void interrupted() {
        synchronized (tasks) {
            display.interrupted(new ArrayList<>(tasks.values()), progname);
        }
        Runtime.getRuntime().halt(1);
    }
}
