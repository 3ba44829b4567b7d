package org.kojinext.hub.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes of tasks and hosts as migration V7's triggers announce them on {@link #CHANNEL}, from
 * every hub and every other writer, handed to this hub's scheduler, long-polls and watchers.
 * Listeners run on the listening thread: they must only record or signal.
 */
public final class TaskEvents implements PgListener.Subscriber {
    public static final String CHANNEL = "kojinext_task";
    private static final Logger log = LoggerFactory.getLogger(TaskEvents.class);

    /** A task was created, or its state, host, waiting flag or priority changed. */
    public record TaskChange(int id, Integer state, Integer hostId, Integer parent, Boolean waiting,
                             Integer priority, boolean created) {
    }

    /** What hears of changes. */
    public interface Listener {
        void task(TaskChange change);

        /** A host joined, or its ready flag changed. */
        default void host(int hostId, boolean ready) {
        }

        /** Notifications may have been missed (listening restarted): re-read what matters. */
        default void resync() {
        }
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean live;

    private TaskEvents() {
    }

    public static TaskEvents attach(PgListener listener) {
        TaskEvents events = new TaskEvents();
        listener.subscribe(CHANNEL, events);
        return events;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** Whether notifications are being received. */
    public boolean live() {
        return live;
    }

    @Override
    public void received(String payload) {
        String[] f = payload.split(" ");
        try {
            if (f[0].equals("task") && f.length == 8) {
                TaskChange c = new TaskChange(Integer.parseInt(f[1]), integer(f[2]), integer(f[3]), integer(f[4]),
                        f[5].equals("-") ? null : f[5].equals("true"), integer(f[6]), f[7].equals("I"));
                for (Listener l : listeners) {
                    safely(() -> l.task(c));
                }
            } else if (f[0].equals("host") && f.length == 3) {
                int id = Integer.parseInt(f[1]);
                boolean ready = f[2].equals("true");
                for (Listener l : listeners) {
                    safely(() -> l.host(id, ready));
                }
            } else {
                log.warn("unknown task notification '{}'", payload);
            }
        } catch (NumberFormatException e) {
            log.warn("malformed task notification '{}'", payload);
        }
    }

    @Override
    public void listening() {
        live = true;
        for (Listener l : listeners) {
            safely(l::resync);
        }
    }

    @Override
    public void lost() {
        live = false;
    }

    /** One listener's failure must not keep the others from hearing of the change. */
    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.error("task event listener failed", e);
        }
    }

    private static Integer integer(String s) {
        return s.equals("-") ? null : Integer.valueOf(s);
    }
}
