package org.kojinext.hub.repos;

import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.val;
import static org.kojinext.hub.db.jooq.Tables.REPO_QUEUE;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.Tx;
import org.kojinext.hub.events.ChangeFeed;
import org.kojinext.hub.events.TaskEvents;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.scheduler.Dispatch;
import org.kojinext.hub.tasks.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This hub's part in keeping repositories current, driven by what PostgreSQL announces (V10's
 * triggers on V2's channel, V7's task notifications), never by a timer:
 * <ul>
 * <li>a request made or given up, a repository made, or a top-level task finished (a newRepo
 * task, or one whose end leaves room) runs the queue (Koji's checkQueue);</li>
 * <li>a change to what tags are made of (builds, inheritance, configuration, package lists,
 * extra, external repositories, comps groups, targets) requests new repositories for the tags
 * that need one ({@link AutoRegen});</li>
 * <li>any change to requests or repositories wakes the held {@code repo.waitRequest} calls.</li>
 * </ul>
 * A burst of changes sets a flag once and makes one run. Runs of all hubs take turns on a
 * transaction-scoped advisory lock: a hub whose change arrives while another holds it waits and
 * runs after, so it sees what the other committed and nothing is lost.
 */
public final class RepoService implements ChangeFeed.Watcher, AutoCloseable {
    /** The advisory lock of repository runs, shared by all hubs ("KojiRepo"). */
    static final long LOCK_KEY = 0x4b6f6a695265706fL;
    private static final Logger log = LoggerFactory.getLogger(RepoService.class);
    private static final Set<String> QUEUE_TABLES = Set.of("repo_queue", "repo");
    private static final Set<String> CONTENT_TABLES = Set.of("tag_listing", "tag_inheritance", "tag_config",
            "tag_packages", "tag_external_repos", "tag_extra", "group_config", "group_package_listing",
            "group_req_listing", "external_repo_config", "build_target_config");

    private final Database database;
    private final RepoSettings settings;
    private final AtomicBoolean queuePending = new AtomicBoolean(true);
    private final AtomicBoolean regenPending = new AtomicBoolean(true);
    private final Semaphore signal = new Semaphore(1);
    private final Set<Semaphore> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicLong runs = new AtomicLong();
    private final AutoCloseable feedWatch;
    private final AutoCloseable taskWatch;
    private final Thread thread;
    private volatile boolean closed;

    public RepoService(Database database, ChangeFeed changes, Dispatch dispatch, RepoSettings settings) {
        this.database = database;
        this.settings = settings;
        this.feedWatch = changes.watch(this);
        this.taskWatch = dispatch.watch(this::task);
        this.thread = Thread.ofVirtual().name("kojinext-repos").start(this::loop);
    }

    public RepoSettings settings() {
        return settings;
    }

    /** How many runs have completed (for tests: that something ran, never how fast). */
    public long runs() {
        return runs.get();
    }

    @Override
    public void changed(String table) {
        if (table == null) {
            wakeWaiters();
            queuePending.set(true);
            regenPending.set(true);
        } else if (QUEUE_TABLES.contains(table)) {
            wakeWaiters();
            queuePending.set(true);
        } else if (CONTENT_TABLES.contains(table)) {
            regenPending.set(true);
        } else {
            return;
        }
        signal.release();
    }

    private void task(TaskEvents.TaskChange change) {
        Integer s = change.state();
        if (change.parent() == null && s != null && TaskState.of(s).finished()) {
            queuePending.set(true);
            signal.release();
        }
    }

    @Override
    public void closed() {
        close();
    }

    // ---- held calls ----------------------------------------------------------------------

    /** A held call's registration: made before it reads, so a change committed in between still wakes it. */
    public final class Waiter implements AutoCloseable {
        private final Semaphore woken = new Semaphore(0);

        private Waiter() {
            waiters.add(woken);
        }

        /** Waits for a change to requests or repositories, or for the time to pass. */
        public void await(Duration timeout) throws InterruptedException {
            woken.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            woken.drainPermits();
        }

        @Override
        public void close() {
            waiters.remove(woken);
        }
    }

    public Waiter register() {
        return new Waiter();
    }

    private void wakeWaiters() {
        for (Semaphore s : waiters) {
            s.release();
        }
    }

    // ---- runs ----------------------------------------------------------------------------

    private void loop() {
        while (!closed) {
            try {
                signal.acquire();
                signal.drainPermits();
                boolean regen = regenPending.getAndSet(false);
                boolean queue = queuePending.getAndSet(false);
                if (regen || queue) {
                    runOnce(regen, queue);
                    runs.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // The database is unreachable or a run failed: try again, not in a tight loop.
                log.warn("repository run failed ({}); retrying", e.toString());
                queuePending.set(true);
                regenPending.set(true);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
                signal.release();
            }
        }
    }

    private void runOnce(boolean regen, boolean queue) {
        try (Tx tx = database.begin()) {
            CallContext ctx = new CallContext(tx, null, (db, user) -> Set.of());
            try {
                // Most queue runs are asked for by an ordinary task's end while no request is
                // waiting: one indexed probe instead of the lock. A request made after the probe
                // announces itself and asks for its own run.
                if (!regen && !tx.dsl().fetchExists(REPO_QUEUE, REPO_QUEUE.ACTIVE.isTrue())) {
                    return;
                }
                // A locking read opens the transaction the advisory lock lives in; it waits for
                // another hub's run to commit.
                tx.dsl().select(function("pg_advisory_xact_lock", Object.class, val(LOCK_KEY))).forUpdate().fetch();
                boolean requested = regen && AutoRegen.run(ctx.db(), settings) > 0;
                if (queue || requested) {
                    RepoQueue.check(ctx, settings);
                }
                tx.finish();
            } catch (RuntimeException e) {
                tx.rollback();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            feedWatch.close();
            taskWatch.close();
        } catch (Exception ignored) {
            // removing a listener from a list does not fail
        }
        wakeWaiters();
        thread.interrupt();
    }
}
