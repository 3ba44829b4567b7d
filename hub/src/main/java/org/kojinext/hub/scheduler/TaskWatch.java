package org.kojinext.hub.scheduler;

import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.Tx;
import org.kojinext.hub.events.TaskEvents.TaskChange;

/**
 * Following one task tree's changes, for the watch stream: first every task of the tree as it is,
 * then each change to a task in the tree (new subtasks join it) as V7's notifications report it,
 * from any hub. Nothing polls the database after the first read.
 */
public final class TaskWatch implements AutoCloseable {
    private final Set<Integer> tree = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Map<String, Object>> queue = new LinkedBlockingQueue<>();
    private final AutoCloseable registration;

    private TaskWatch(Database database, Dispatch dispatch, int root) {
        tree.add(root);
        // Listen before reading, so that a change committed in between is not lost (it may come twice).
        registration = dispatch.watch(this::offer);
        List<Map<String, Object>> snapshot = new ArrayList<>();
        try (Tx tx = database.begin()) {
            List<Integer> level = List.of(root);
            while (!level.isEmpty()) {
                for (Record r : tx.dsl().select(TASK.ID, TASK.STATE, TASK.HOST_ID, TASK.PARENT, TASK.WAITING,
                        TASK.PRIORITY).from(TASK).where(TASK.ID.in(level)).orderBy(TASK.ID).fetch()) {
                    snapshot.add(event(new TaskChange(r.get(TASK.ID), r.get(TASK.STATE), r.get(TASK.HOST_ID),
                            r.get(TASK.PARENT), r.get(TASK.WAITING), r.get(TASK.PRIORITY), false)));
                }
                level = tx.dsl().select(TASK.ID).from(TASK).where(TASK.PARENT.in(level)).orderBy(TASK.ID)
                        .fetch(TASK.ID);
                tree.addAll(level);
            }
        }
        List<Map<String, Object>> pending = new ArrayList<>();
        queue.drainTo(pending);
        queue.addAll(snapshot);
        queue.addAll(pending);
    }

    /** Watches the tree under root (whether or not the task exists yet). */
    public static TaskWatch open(Database database, Dispatch dispatch, int root) {
        return new TaskWatch(database, dispatch, root);
    }

    /** The next change, or null when none came within the timeout. */
    public Map<String, Object> next(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void offer(TaskChange c) {
        if (tree.contains(c.id()) || (c.parent() != null && tree.contains(c.parent()))) {
            tree.add(c.id());
            queue.add(event(c));
        }
    }

    private static Map<String, Object> event(TaskChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("state", c.state());
        m.put("host_id", c.hostId());
        m.put("parent", c.parent());
        m.put("waiting", c.waiting());
        m.put("priority", c.priority());
        return m;
    }

    @Override
    public void close() {
        try {
            registration.close();
        } catch (Exception ignored) {
            // removing a listener cannot fail
        }
    }
}
