package org.kojinext.cli.watch;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.kojinext.cli.HubLink;

/**
 * Koji's watch_logs: prints what the tasks' logs gained since the last look, under a
 * "==> task:volume:file <==" header whenever the file changes, until the tasks end.
 *
 * <p>The event stream carries states, not log bytes, so the logs themselves are read with
 * listTaskOutput and downloadTaskOutput, as Koji does: every poll_interval while a task runs, and
 * at once when the stream reports a change (so a task's last lines come as it ends). With the
 * stream, ended tasks and new subtasks are known from events rather than asked each round; against
 * a hub without it, this is Koji's loop.
 */
public final class LogWatch {
    private static final int CHUNK = 16384;

    private final HubLink hub;
    private final PrintStream out;
    private final Duration pollInterval;
    private final String onlyLog;
    private final boolean follow;
    private final Map<Integer, Integer> states = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> parents = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, Long>> offsets = new HashMap<>();
    private String lastLog;

    public LogWatch(HubLink hub, PrintStream out, Duration pollInterval, String onlyLog, boolean follow) {
        this.hub = hub;
        this.out = out;
        this.pollInterval = pollInterval;
        this.onlyLog = onlyLog;
        this.follow = follow;
    }

    /** Returns the exit status: 1 for a task the hub does not know. */
    public int watch(List<Integer> ids) throws InterruptedException {
        out.println("Watching logs (this may be safely interrupted)...");
        out.flush();
        List<Integer> tasklist = new ArrayList<>(ids);
        Set<Integer> known = new HashSet<>(ids);
        BlockingQueue<Integer> changes = new LinkedBlockingQueue<>();
        List<TaskEventStream> streams = open(ids, changes);
        try {
            while (true) {
                for (int id : List.copyOf(tasklist)) {
                    offsets.computeIfAbsent(id, k -> new HashMap<>());
                    Boolean done = done(id, streams != null);
                    if (done == null) {
                        out.println("No such task id: " + id);
                        return 1;
                    }
                    if (done) {
                        tasklist.remove((Integer) id);
                    }
                    readLogs(id);
                    if (follow) {
                        // An ended task's subtasks are all made: ask once rather than wait for their events.
                        for (int child : children(id, streams != null && !done)) {
                            if (known.add(child)) {
                                tasklist.add(child);
                            }
                        }
                    }
                }
                if (tasklist.isEmpty()) {
                    return 0;
                }
                if (changes.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS) != null) {
                    changes.clear();
                }
            }
        } finally {
            if (streams != null) {
                streams.forEach(TaskEventStream::close);
            }
        }
    }

    private List<TaskEventStream> open(List<Integer> ids, BlockingQueue<Integer> changes) throws InterruptedException {
        List<TaskEventStream> streams = new ArrayList<>();
        for (int id : ids) {
            TaskEventStream s;
            try {
                s = TaskEventStream.open(hub.server(), id, Duration.ofSeconds(60), e -> {
                    int task = ((Number) e.get("id")).intValue();
                    states.put(task, ((Number) e.get("state")).intValue());
                    if (e.get("parent") instanceof Number p) {
                        parents.put(task, p.intValue());
                    }
                    changes.add(task);
                });
            } catch (IOException e) {
                s = null;
            }
            if (s == null) {
                streams.forEach(TaskEventStream::close);
                return null;
            }
            streams.add(s);
        }
        return streams;
    }

    /** Whether the task has ended; null when the hub has no such task. */
    private Boolean done(int id, boolean streaming) {
        Integer state = streaming ? states.get(id) : null;
        if (state == null) {
            Object info = hub.call("getTaskInfo", id);
            if (!(info instanceof Map<?, ?> m)) {
                return null;
            }
            state = ((Number) m.get("state")).intValue();
        }
        return TaskStates.done(state);
    }

    private List<Integer> children(int id, boolean streaming) {
        List<Integer> out = new ArrayList<>();
        if (streaming) {
            parents.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).sorted()
                    .forEach(out::add);
            return out;
        }
        for (Object o : (List<?>) hub.call("getTaskChildren", id)) {
            out.add(((Number) ((Map<?, ?>) o).get("id")).intValue());
        }
        return out;
    }

    private void readLogs(int id) {
        Map<String, Long> taskOffsets = offsets.get(id);
        for (Map.Entry<String, List<String>> f : TaskFiles.all(hub, id).entrySet()) {
            String name = f.getKey();
            boolean wanted = onlyLog != null ? name.equals(onlyLog) : name.endsWith("log");
            if (!wanted) {
                continue;
            }
            for (String volume : f.getValue()) {
                String key = volume + "\0" + name;
                while (true) {
                    long offset = taskOffsets.getOrDefault(key, 0L);
                    byte[] bytes = bytes(hub.callKw("downloadTaskOutput", List.of(id, name, offset, CHUNK),
                            Map.of("volume", volume)));
                    if (bytes.length == 0) {
                        break;
                    }
                    taskOffsets.put(key, offset + bytes.length);
                    String current = id + ":" + volume + ":" + name + ":";
                    if (!current.equals(lastLog)) {
                        if (lastLog != null) {
                            out.print("\n");
                        }
                        out.print("==> " + current + " <==\n");
                        lastLog = current;
                    }
                    out.write(bytes, 0, bytes.length);
                    out.flush();
                }
            }
        }
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        return v == null ? new byte[0] : Base64.getMimeDecoder().decode(v.toString());
    }
}
