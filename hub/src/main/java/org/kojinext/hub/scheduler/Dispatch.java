package org.kojinext.hub.scheduler;

import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.val;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.kojinext.hub.config.DispatchConfig;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.events.PgListener;
import org.kojinext.hub.events.TaskEvents;
import org.kojinext.hub.tasks.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This hub's part in moving work to builders. It hears every task and host change (from any hub,
 * through migration V7's notifications), runs the scheduler when work or room appears, and wakes
 * the calls held for those changes.
 *
 * <p>The scheduler never runs on a timer for assignment: a burst of changes sets one flag and the
 * next run takes every free task. Runs of all hubs exclude each other with a transaction-scoped
 * PostgreSQL advisory lock; a hub that finds it taken tries again shortly, because the run that
 * holds it may have read the free tasks before this hub's change committed. A timer only looks
 * for timeouts (silent hosts, assignments not opened).
 */
public final class Dispatch implements TaskEvents.Listener, AutoCloseable {
    /** The advisory lock key of the scheduler; any constant shared by all hubs ("KojiSchd"). */
    static final long LOCK_KEY = 0x4b6f6a6953636864L;
    private static final Logger log = LoggerFactory.getLogger(Dispatch.class);
    private static final Duration LOCK_RETRY = Duration.ofMillis(5);
    private static final java.util.Set<String> CONFIG_TABLES = java.util.Set.of("host_config", "host_channels",
            "channels");

    private final Database database;
    private final TaskEvents events;
    private final DispatchConfig config;
    private final Waits waits = new Waits();
    private final Handover handover = new Handover();
    private final TaskScheduler scheduler;
    private final AtomicBoolean pending = new AtomicBoolean(true);
    private final Semaphore signal = new Semaphore(0);
    private final AtomicLong runs = new AtomicLong();
    private final java.util.List<java.util.function.Consumer<TaskEvents.TaskChange>> watchers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private Thread thread;

    public Dispatch(Database database, TaskEvents events, DispatchConfig config) {
        this.database = database;
        this.events = events;
        this.config = config;
        this.scheduler = new TaskScheduler(config);
        events.addListener(this);
    }

    public void start() {
        // A platform thread: every task's start waits on its runs, and under load a virtual thread
        // would queue behind all the requests for a carrier at each of a run's round trips.
        thread = Thread.ofPlatform().daemon().name("kojinext-scheduler").start(this::loop);
    }

    public DispatchConfig config() {
        return config;
    }

    /** The held calls of this hub. */
    public Waits waits() {
        return waits;
    }

    /** The held calls of this hub that the scheduler may answer itself. */
    public Handover handover() {
        return handover;
    }

    /** Whether this hub's dispatch has closed (the hub is shutting down). */
    public boolean closed() {
        return closed;
    }

    /** How many scheduler runs this hub has made (assigning or not). */
    public long runs() {
        return runs.get();
    }

    /** Asks for a scheduler run soon; many requests before it starts make one run. */
    public void requestRun() {
        pending.set(true);
        signal.release();
    }

    /** Hands every task change to the consumer (which must not block) until the result is closed. */
    public AutoCloseable watch(java.util.function.Consumer<TaskEvents.TaskChange> consumer) {
        watchers.add(consumer);
        return () -> watchers.remove(consumer);
    }

    @Override
    public void task(TaskEvents.TaskChange change) {
        waits.announce(change);
        for (var w : watchers) {
            w.accept(change);
        }
        Integer s = change.state();
        boolean roomOrWork = s != null && (s == TaskState.FREE.code() || TaskState.of(s).finished());
        if (roomOrWork || Boolean.TRUE.equals(change.waiting())) {
            requestRun();
        }
    }

    /**
     * Runs the scheduler when hosts' configuration or channels change (enableHost, editHost's
     * capacity, addHostToChannel...), which V2's change feed announces by table name.
     */
    public PgListener.Subscriber configChanges() {
        return table -> {
            if (CONFIG_TABLES.contains(table)) {
                requestRun();
            }
        };
    }

    @Override
    public void host(int hostId, boolean ready) {
        if (ready) {
            requestRun();
        }
    }

    @Override
    public void resync() {
        waits.wakeAll();
        requestRun();
    }

    private void loop() {
        long nextSweep = System.nanoTime();
        while (!closed) {
            try {
                long now = System.nanoTime();
                boolean sweep = now - nextSweep >= 0;
                if (pending.getAndSet(false) || sweep) {
                    if (runOnce(sweep)) {
                        if (sweep) {
                            nextSweep = System.nanoTime() + config.sweepInterval().toNanos();
                        }
                    } else {
                        // Another hub holds the lock: run again once it has finished.
                        pending.set(true);
                        Thread.sleep(LOCK_RETRY);
                        continue;
                    }
                }
                long wait = Math.max(1, nextSweep - System.nanoTime());
                signal.tryAcquire(wait, TimeUnit.NANOSECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | SQLException e) {
                if (closed) {
                    return;
                }
                log.warn("scheduler run failed ({}); retrying", e.toString());
                pending.set(true);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One run under the lock; false if another hub holds it. */
    private boolean runOnce(boolean sweep) throws SQLException {
        Handover.Run claims = handover.run();
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                DSLContext db = DSL.using(c, SQLDialect.POSTGRES);
                // Most runs are asked for by a finished task while nothing waits: the lock is taken
                // only when an indexed probe finds a FREE task, in the same round trip (null: none;
                // a sweep takes it anyway). A task freed after the probe announces itself and asks
                // for its own run.
                Field<Boolean> tryLock = function("pg_try_advisory_xact_lock", Boolean.class, val(LOCK_KEY));
                var lock = db.select(sweep ? tryLock
                                : DSL.when(DSL.exists(scheduler.freeProbe()), tryLock).otherwise(DSL.inline((Boolean) null)),
                        DSL.currentOffsetDateTime()).fetchSingle();
                if (lock.value1() == null) {
                    c.rollback();
                    runs.incrementAndGet();
                    return true;
                }
                if (!lock.value1()) {
                    c.rollback();
                    return false;
                }
                if (sweep) {
                    scheduler.sweep(db, lock.value2());
                }
                scheduler.schedule(db, lock.value2(), claims);
                c.commit();
                claims.settle(true);
                runs.incrementAndGet();
                return true;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } finally {
            // A run that did not commit hands nothing over; its claimed calls wait on.
            claims.settle(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        events.removeListener(this);
        waits.wakeAll();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
