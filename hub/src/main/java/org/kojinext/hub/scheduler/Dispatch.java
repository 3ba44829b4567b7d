package org.kojinext.hub.scheduler;

import org.kojinext.hub.config.DispatchConfig;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.events.TaskEvents;

/**
 * This hub's part in moving work to builders: it hears every task and host change (from any hub,
 * through migration V7's notifications) and wakes the calls held for them.
 */
public final class Dispatch implements TaskEvents.Listener, AutoCloseable {
    private final Database database;
    private final TaskEvents events;
    private final DispatchConfig config;
    private final Waits waits = new Waits();

    public Dispatch(Database database, TaskEvents events, DispatchConfig config) {
        this.database = database;
        this.events = events;
        this.config = config;
        events.addListener(this);
    }

    public void start() {
    }

    public DispatchConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /** The held calls of this hub. */
    public Waits waits() {
        return waits;
    }

    @Override
    public void task(TaskEvents.TaskChange change) {
        waits.announce(change);
    }

    @Override
    public void resync() {
        waits.wakeAll();
    }

    @Override
    public void close() {
        events.removeListener(this);
        waits.wakeAll();
    }
}
